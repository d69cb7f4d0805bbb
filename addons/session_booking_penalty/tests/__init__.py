from . import test_access
from . import test_cancellation
from . import test_fee
from . import test_penalty_concurrency
from . import test_performance
from . import test_portal
from . import test_ui
from . import test_website_sale
