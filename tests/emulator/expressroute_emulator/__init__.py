"""An offline Azure (ARM + Entra ID) for ExpressRoute, served over HTTPS.

It exists so that the collection can be tested, and demonstrated, with the
real azure-mgmt-network SDK and without an Azure subscription.  See
tests/emulator/README.md for what it implements and which rules it enforces.
"""

__version__ = "0.1.0"
