from odoo import _, http
from odoo.http import request

from odoo.addons.client_center.controllers.portal import CLIENT_CENTER_ROUTE, ClientCenterPortal

from .portal import SupportTicketPortalMixin


class ClientCenterSupportPortal(SupportTicketPortalMixin, ClientCenterPortal):
    """The client center's Support panel: the client's tickets (a list
    panel, see ``client.center._get_list_panels``, shown by client_center's
    list route), a ticket with its conversation, and the New-ticket form."""

    def _client_center_notices(self):
        notices = super()._client_center_notices()
        notices["ticket_opened"] = ("success", _("Your ticket is open: we answer you by email and here."))
        return notices

    @http.route("/client-center/<string:slug>/support/<int:ticket_id>", **CLIENT_CENTER_ROUTE)
    def client_center_support_ticket(self, slug, ticket_id, **kw):
        center_sudo = self._get_client_center_panel(slug, "support")
        Task = request.env["project.task"]
        ticket_sudo = self._client_center_document(
            "project.task", ticket_id, Task._support_client_domain(self._client_center_partner())
        )
        # the chatter posts the client's replies with the ticket's token
        ticket_sudo._portal_ensure_token()
        values = self._prepare_client_center_values(
            center_sudo,
            "support",
            panel_page_name=ticket_sudo.name,
            ticket=ticket_sudo,
            object=ticket_sudo,
            token=ticket_sudo.access_token,
        )
        return request.render("project_support_ticket.client_center_support_ticket", values)

    @http.route("/client-center/<string:slug>/support/new", methods=["GET", "POST"], **CLIENT_CENTER_ROUTE)
    def client_center_support_new(self, slug, **post):
        center_sudo = self._get_client_center_panel(slug, "support")
        ticket, error = self._support_handle_form(post)
        if ticket:
            return request.redirect(f"{center_sudo.website_url}/support?notice=ticket_opened")
        values = self._prepare_client_center_values(
            center_sudo,
            "support",
            panel_page_name=_("New ticket"),
            support_form_action=f"{center_sudo.website_url}/support/new",
            support_cancel_url=f"{center_sudo.website_url}/support",
            **self._support_form_values(post, error),
        )
        return request.render("project_support_ticket.client_center_support_new", values)
