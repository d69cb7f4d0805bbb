from . import portal
from . import client_center
