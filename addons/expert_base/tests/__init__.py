from . import test_access
from . import test_auto_invoice
from . import test_demo
