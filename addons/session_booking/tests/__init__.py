from . import test_package_terms
from . import test_booking
from . import test_slots
from . import test_concurrency
from . import test_access
from . import test_performance
from . import test_ui
from . import test_demo
