from . import (
    mail_message,
    recurring_order,
    res_company,
    res_config_settings,
    res_partner,
    sale_order,
    sale_order_line,
)
