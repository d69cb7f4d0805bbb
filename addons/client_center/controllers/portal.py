from werkzeug.exceptions import NotFound

from odoo import http
from odoo.http import SessionExpiredException, request

from odoo.addons.portal.controllers.portal import CustomerPortal


class ClientCenterPortal(CustomerPortal):
    """Routes of the portal client center.

    Modules adding a panel inherit this class, get the center with
    ``_get_client_center(slug)`` and render their page inside
    ``client_center.client_center_layout``.
    """

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    def _get_client_center(self, slug):
        """The center published at ``slug`` for the current user, in sudo.

        Public users are sent to the login page; users who are neither
        portal nor internal, unknown, archived or other websites' centers
        answer 404.
        """
        user = request.env.user
        if user._is_public():
            raise SessionExpiredException("Log in to use the client center.")
        if not (user._is_internal() or user.has_group("base.group_portal")):
            raise NotFound()
        website = getattr(request, "website", None)
        domain = [("slug", "=", slug)]
        if website:
            domain += [("website_id", "in", (False, website.id))]
        # sudo: portal users have no access to the configuration model; the
        # user was checked above and the center is only read
        center = request.env["client.center"].sudo().search(domain, limit=1)
        if not center:
            raise NotFound()
        return center

    def _get_default_client_center(self):
        center = request.env.ref("client_center.client_center_default", raise_if_not_found=False)
        if center and center.sudo().active:
            return center.sudo()
        website = getattr(request, "website", None)
        domain = [("website_id", "in", (False, website.id))] if website else []
        center = request.env["client.center"].sudo().search(domain, limit=1)
        if not center:
            raise NotFound()
        return center

    def _check_panel(self, center, key):
        """404 when ``center`` does not show the panel ``key``."""
        if not center._has_panel(key):
            raise NotFound()

    def _prepare_client_center_values(self, center, active_panel, **values):
        """Rendering values of a panel page inside the center's layout."""
        layout_values = self._prepare_portal_layout_values()
        panels = center._get_sorted_panels()
        layout_values.update(
            {
                "center": center,
                "panels": panels,
                "active_panel": active_panel,
                "active_panel_name": next((p["name"] for p in panels if p["key"] == active_panel), ""),
                "page_name": "client_center",
                "commercial_partner": request.env.user.partner_id.commercial_partner_id,
            }
        )
        layout_values.update(values)
        return layout_values

    # ------------------------------------------------------------------
    # Routes
    # ------------------------------------------------------------------

    @http.route("/client-center", type="http", auth="user", website=True, sitemap=False)
    def client_center_default(self, **kw):
        return request.redirect(self._get_default_client_center().website_url)

    @http.route("/client-center/<string:slug>", type="http", auth="user", website=True, sitemap=False)
    def client_center_home(self, slug, **kw):
        center = self._get_client_center(slug)
        partner = request.env.user.partner_id
        values = self._prepare_client_center_values(
            center,
            "home",
            counters=center._get_home_counters(partner),
        )
        return request.render("client_center.client_center_home", values)
