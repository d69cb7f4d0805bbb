from . import recurring_order_status_wizard
