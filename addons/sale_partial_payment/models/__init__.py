from . import (
    account_move,
    account_payment,
    payment_provider,
    payment_transaction,
    product_template,
    sale_order,
    sale_order_line,
    sale_order_payment,
)
