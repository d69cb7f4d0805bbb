from . import test_access
from . import test_account_access
from . import test_account_rpc
from . import test_auto_invoice
from . import test_demo
from . import test_res_company
from . import test_ui
