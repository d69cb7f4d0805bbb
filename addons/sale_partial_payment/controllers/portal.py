from odoo import http
from odoo.exceptions import UserError
from odoo.http import request

from odoo.addons.client_center.controllers.portal import CLIENT_CENTER_ROUTE, ClientCenterPortal


class PartialPaymentClientCenter(ClientCenterPortal):
    @http.route("/client-center/<string:slug>/orders/<int:order_id>/pay-part", methods=["POST"], **CLIENT_CENTER_ROUTE)
    def client_center_order_pay_part(self, slug, order_id, amount=None, **kw):
        """The client pays a part of the amount it chose (offers with free
        amounts): Odoo's payment link for it, or the orders with the error."""
        self._get_client_center_panel(slug, "orders")
        order_sudo = self._client_center_order(order_id)
        try:
            url = order_sudo._partial_client_part_url(amount)
        except UserError as error:
            return self._render_client_center_list(slug, "orders", notice=("danger", error.args[0]))
        return request.redirect(url)
