from odoo import _, http
from odoo.http import request

from odoo.addons.client_center.controllers.portal import ClientCenterPortal
from odoo.addons.project.models.project_task import CLOSED_STATES

from .portal import SupportTicketPortalMixin


class ClientCenterSupportPortal(SupportTicketPortalMixin, ClientCenterPortal):
    """The client center's Support panel: the client's tickets and the
    New-ticket form."""

    def _client_center_notices(self):
        notices = super()._client_center_notices()
        notices["ticket_opened"] = ("success", _("Your ticket is open: we answer you by email and here."))
        return notices

    def _support_sortings(self):
        return {
            "date": {"label": _("Newest"), "order": "create_date desc, id desc"},
            "name": {"label": _("Subject"), "order": "name asc, id desc"},
            "stage": {"label": _("Status"), "order": "stage_id asc, id desc"},
        }

    def _support_filters(self):
        return {
            "all": {"label": _("All"), "domain": []},
            "open": {"label": _("Open"), "domain": [("state", "not in", list(CLOSED_STATES))]},
            "solved": {"label": _("Solved"), "domain": [("state", "=", "1_done")]},
        }

    @http.route(
        ["/client-center/<string:slug>/support", "/client-center/<string:slug>/support/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        sitemap=False,
    )
    def client_center_support(self, slug, page=1, sortby=None, filterby=None, **kw):
        center = self._get_client_center_panel(slug, "support")
        partner = self._client_center_partner()
        values = self._prepare_client_center_values(
            center,
            "support",
            **self._client_center_list(
                center,
                "support",
                "project.task",
                request.env["project.task"]._support_client_domain(partner),
                self._support_sortings(),
                self._support_filters(),
                f"{center.website_url}/support",
                sortby,
                filterby,
                page,
            ),
        )
        return request.render("project_support_ticket.client_center_support", values)

    @http.route(
        "/client-center/<string:slug>/support/new",
        type="http",
        auth="user",
        website=True,
        sitemap=False,
        methods=["GET", "POST"],
    )
    def client_center_support_new(self, slug, **post):
        center = self._get_client_center_panel(slug, "support")
        ticket, error = self._support_handle_form(post)
        if ticket:
            return request.redirect(f"{center.website_url}/support?notice=ticket_opened")
        values = self._prepare_client_center_values(
            center,
            "support",
            active_panel_name=_("New ticket"),
            support_form_action=f"{center.website_url}/support/new",
            support_cancel_url=f"{center.website_url}/support",
            **self._support_form_values(post, error),
        )
        return request.render("project_support_ticket.client_center_support_new", values)
