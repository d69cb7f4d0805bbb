from . import ir_http
from . import product_template
from . import res_partner
from . import res_users
from . import sale_order
from . import sale_order_line
