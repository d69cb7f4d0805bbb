from . import test_charge
from . import test_concurrency
from . import test_transitions
