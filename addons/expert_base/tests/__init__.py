from . import test_access
from . import test_auto_invoice
from . import test_demo
from . import test_sale_order_line
from . import test_http
