from . import test_access
from . import test_auto_invoice
from . import test_demo
from . import test_expert_rights
from . import test_partner_access
from . import test_ui
