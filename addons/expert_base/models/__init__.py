from . import product_template
from . import res_partner
from . import res_users
