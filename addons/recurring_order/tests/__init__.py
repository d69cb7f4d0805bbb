from . import test_charge
from . import test_concurrency
from . import test_transitions
from . import test_access
from . import test_performance
from . import test_portal
from . import test_ui
