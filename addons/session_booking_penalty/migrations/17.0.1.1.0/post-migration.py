from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """Policies made before the no-show product existed invoice no-shows
    with it (they used the late cancellation product)."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    product = env.ref("session_booking_penalty.product_no_show_fee", raise_if_not_found=False)
    if product:
        # SQL: the policy's terms are frozen once sold, this fills a new one
        cr.execute(
            "UPDATE session_cancellation_policy SET no_show_product_id = %s WHERE no_show_product_id IS NULL",
            [product.id],
        )
