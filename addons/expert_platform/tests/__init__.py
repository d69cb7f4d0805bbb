from . import test_install
from . import test_shop_tour
from . import test_client_center_pay_tour
from . import test_website_demo
from . import test_recurring_order
from . import test_recurring_shop_tour
