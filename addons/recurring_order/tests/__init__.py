from . import test_charge
from . import test_transitions
