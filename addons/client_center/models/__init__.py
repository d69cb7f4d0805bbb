from . import (
    account_move,
    client_center,
    client_center_column,
    client_center_column_choice,
    discuss_channel,
    res_partner,
    sale_order,
    session_booking,
)
