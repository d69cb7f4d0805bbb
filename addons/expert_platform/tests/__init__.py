from . import test_install
from . import test_ui
from . import test_rpc_methods
from . import test_routes
from . import test_protected_fields
from . import test_website_demo
from . import test_recurring_order
