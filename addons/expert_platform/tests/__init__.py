from . import test_install
from . import test_shop_tour
from . import test_client_center_pay_tour
from . import test_rpc_methods
from . import test_routes
from . import test_protected_fields
from . import test_recurring_order
from . import test_recurring_shop_tour
