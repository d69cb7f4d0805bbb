from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import UserError
from odoo.http import request

from odoo.addons.client_center.tools import parse_id
from odoo.addons.portal.controllers.portal import CustomerPortal

SUPPORT_CHOICES_LIMIT = 50


class SupportTicketPortalMixin:
    """What every New-ticket form needs: the client's orders and sessions to
    choose from, the posted ids checked (foreign ones answer 404), the files."""

    def _support_client_orders(self):
        partner = request.env.user.partner_id
        return request.env["sale.order"].search(
            partner._ownership_domain() + [("state", "=", "sale")],
            order="date_order desc, id desc",
            limit=SUPPORT_CHOICES_LIMIT,
        )

    def _support_client_sessions(self):
        partner = request.env.user.partner_id
        return request.env["session.booking"].search(
            partner._ownership_domain("commercial_partner_id"),
            order="start desc, id desc",
            limit=SUPPORT_CHOICES_LIMIT,
        )

    def _support_posted_record(self, model, raw_id, domain):
        """The client's record of ``model`` whose id was posted (searched
        with the user's rights), or 404 (malformed, out of range, foreign)."""
        if not raw_id:
            return request.env[model]
        record_id = parse_id(raw_id)
        if not record_id:
            raise NotFound()
        record = request.env[model].search([("id", "=", record_id)] + domain, limit=1)
        if not record:
            raise NotFound()
        return record

    def _support_open_ticket(self, post):
        """Open the ticket from the posted form; return the ticket."""
        partner = request.env.user.partner_id
        order = self._support_posted_record("sale.order", post.get("sale_order_id"), partner._ownership_domain())
        session = self._support_posted_record(
            "session.booking", post.get("session_id"), partner._ownership_domain("commercial_partner_id")
        )
        files = [
            (upload.filename, upload.read(), upload.mimetype)
            for upload in request.httprequest.files.getlist("attachments")
            if upload.filename
        ]
        return request.env["project.task"].create_support_ticket(
            post.get("subject"),
            post.get("description"),
            attachments=files,
            sale_order=order,
            session=session,
        )

    def _support_form_values(self, post, error=None):
        return {
            "support_orders": self._support_client_orders().sudo(),
            "support_sessions": self._support_client_sessions().sudo(),
            "support_form": post,
            "support_error": error,
        }

    def _support_handle_form(self, post):
        """POST: open the ticket (``(ticket, None)``) or ``(None, error)``."""
        if request.httprequest.method != "POST":
            return None, None
        try:
            with request.env.cr.savepoint():
                return self._support_open_ticket(post), None
        except UserError as error:
            return None, error.args[0]


class SupportTicketPortal(SupportTicketPortalMixin, CustomerPortal):
    @http.route("/my/tasks/new", type="http", auth="user", website=True, methods=["GET", "POST"])
    def portal_support_ticket_new(self, **post):
        ticket, error = self._support_handle_form(post)
        if ticket:
            return request.redirect(ticket.get_portal_url())
        values = self._prepare_portal_layout_values()
        values.update(self._support_form_values(post, error))
        values.update(
            {
                "page_name": "support_ticket_new",
                "support_form_action": "/my/tasks/new",
                "support_cancel_url": "/my/tasks",
            }
        )
        return request.render("project_support_ticket.portal_support_ticket_new", values)
