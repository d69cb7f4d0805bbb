from odoo import _

from odoo.addons.website_sale.controllers.main import WebsiteSale


class CustomerLifecycleWebsiteSale(WebsiteSale):
    def _get_shop_payment_errors(self, order):
        errors = super()._get_shop_payment_errors(order)
        message = order.partner_id.sudo()._customer_blocked_message()
        if message:
            errors.append((_("Your account cannot place orders"), message))
        return errors
