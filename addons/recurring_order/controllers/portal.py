from werkzeug.exceptions import NotFound

from odoo import _, http
from odoo.exceptions import UserError
from odoo.http import request

from odoo.addons.client_center.controllers.portal import CLIENT_CENTER_ROUTE, ClientCenterPortal
from odoo.addons.client_center.tools import parse_id


class RecurringOrderPortal(ClientCenterPortal):
    """The client center's Recurring panel: the list (one of the client
    center's list panels, on its list route), an order's page, its card and
    pause / resume.

    Thin routes: the center and the client's own order are checked (404 on
    anything else), one model method acts, a redirect tells the outcome.
    """

    def _client_center_notices(self):
        notices = super()._client_center_notices()
        notices.update(
            {
                "card_changed": ("success", _("Your card is changed: the next payments are charged on it.")),
                "card_charging": (
                    "success",
                    _("Your card is changed: the payment that was due is charged on it within minutes."),
                ),
                "card_unchanged": ("info", _("This card is already the one charged.")),
                "card_refused": ("danger", _("This card cannot be charged: choose another one or add a card.")),
                "paused": ("success", _("Your recurring order is paused: nothing is charged until you resume it.")),
                "resumed": ("success", _("Your recurring order is active again.")),
                "status_refused": ("danger", _("This recurring order cannot be paused or resumed now.")),
            }
        )
        return notices

    def _client_center_recurring(self, slug, recurring_id):
        """The center and the client's recurring order ``recurring_id`` (sudo); 404 otherwise."""
        center_sudo = self._get_client_center_panel(slug, "recurring")
        Recurring = request.env["recurring.order"]
        recurring_sudo = self._client_center_document(
            "recurring.order", recurring_id, Recurring._prepare_client_recurring_domain(self._client_center_partner())
        )
        return center_sudo, recurring_sudo

    def _recurring_url(self, center_sudo, recurring_sudo, suffix="", notice=None):
        url = f"{center_sudo.website_url}/recurring/{recurring_sudo.id}{suffix}"
        return f"{url}?notice={notice}" if notice else url

    @http.route("/client-center/<string:slug>/recurring/<string:recurring_id>", **CLIENT_CENTER_ROUTE)
    def client_center_recurring_detail(self, slug, recurring_id, **kw):
        center_sudo, recurring_sudo = self._client_center_recurring(slug, recurring_id)
        values = self._prepare_client_center_values(
            center_sudo, "recurring", recurring=recurring_sudo, reader=request.env.user.partner_id
        )
        return request.render("recurring_order.client_center_recurring_detail", values)

    @http.route(
        "/client-center/<string:slug>/recurring/<string:recurring_id>/card",
        methods=["GET", "POST"],
        **CLIENT_CENTER_ROUTE,
    )
    def client_center_recurring_card(self, slug, recurring_id, token_id=None, **kw):
        center_sudo, recurring_sudo = self._client_center_recurring(slug, recurring_id)
        if request.httprequest.method == "POST":
            token_sudo = request.env["payment.token"].sudo().browse(parse_id(token_id)).exists()
            if not token_sudo or token_sudo.partner_id.commercial_partner_id != self._client_center_partner():
                raise NotFound()
            try:
                outcome = recurring_sudo._client_change_card(request.env.user.partner_id, token_sudo)
            except UserError:
                notice = "card_refused"
            else:
                notice = {"changed": "card_changed", "charging": "card_charging"}.get(outcome, "card_unchanged")
            return request.redirect(self._recurring_url(center_sudo, recurring_sudo, notice=notice))
        values = self._prepare_client_center_values(
            center_sudo,
            "recurring",
            recurring=recurring_sudo,
            tokens=recurring_sudo._available_payment_tokens(),
        )
        return request.render("recurring_order.client_center_recurring_card", values)

    @http.route(
        [
            "/client-center/<string:slug>/recurring/<string:recurring_id>/pause",
            "/client-center/<string:slug>/recurring/<string:recurring_id>/resume",
        ],
        methods=["POST"],
        **CLIENT_CENTER_ROUTE,
    )
    def client_center_recurring_status(self, slug, recurring_id, **kw):
        center_sudo, recurring_sudo = self._client_center_recurring(slug, recurring_id)
        pause = request.httprequest.path.endswith("/pause")
        partner = request.env.user.partner_id
        try:
            if pause:
                recurring_sudo._client_pause(partner)
            else:
                recurring_sudo._client_resume(partner)
        except UserError:
            notice = "status_refused"
        else:
            notice = "paused" if pause else "resumed"
        return request.redirect(self._recurring_url(center_sudo, recurring_sudo, notice=notice))
