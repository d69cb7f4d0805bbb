from . import test_access
from . import test_client_center
from . import test_mail_gateway
from . import test_performance
from . import test_support_project
from . import test_support_ticket
from . import test_ticket_flow
from . import test_ui
