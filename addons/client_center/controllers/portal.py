from werkzeug.exceptions import BadRequest, NotFound

from odoo import _, fields, http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import SessionExpiredException, request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

from ..tools import parse_id, parse_ids, parse_quantity

CHAT_MESSAGES = 50
# Past and cancelled sessions shown on the Sessions panel (all of them on /my/sessions)
SESSIONS_HISTORY = 5
# What every page and form of the client center is: a logged-in user's
# page of the website, out of the sitemap (forms post with Odoo's CSRF
# token). Modules adding pages use it too: ``methods=`` is set per route.
CLIENT_CENTER_ROUTE = {"type": "http", "auth": "user", "website": True, "sitemap": False}


class ClientCenterPortal(CustomerPortal):
    """Routes of the portal client center.

    Thin routes: check the user and the center, call one model method,
    render or redirect. The list panels (due payments, orders, invoices, and
    the panels other modules add) are described by
    ``client.center._get_list_panels`` and rendered by
    ``_render_client_center_list``; a module adding a list panel declares
    its description there and a route calling that method. Pages of other
    panels render their template inside
    ``client_center.client_center_layout`` with
    ``_prepare_client_center_values``.
    """

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    def _get_client_center(self, slug):
        """The center published at ``slug`` for the current user, in sudo.

        Public users are sent to the login page; users who are neither
        portal nor internal, unknown, malformed, archived or other websites'
        centers answer 404.
        """
        user = request.env.user
        if user._is_public():
            raise SessionExpiredException("Log in to use the client center.")
        if not (user._is_internal() or user.has_group("base.group_portal")):
            raise NotFound()
        # sudo: portal users have no access to the configuration model; the
        # user was checked above and the center is only read
        center_sudo = request.env["client.center"]._get_center_by_slug(slug, getattr(request, "website", None))
        if not center_sudo:
            raise NotFound()
        return center_sudo

    def _get_client_center_panel(self, slug, key):
        """The center, or 404 when it does not show the panel ``key``."""
        center_sudo = self._get_client_center(slug)
        if not center_sudo._has_panel(key):
            raise NotFound()
        return center_sudo

    def _client_center_partner(self):
        return request.env.user.partner_id.commercial_partner_id

    def _client_center_model(self, model_name):
        """The model a client's records are searched in: with the user's
        rights for a portal user (Odoo's portal record rules keep its
        commercial partner's documents, as ``/my/orders`` does), in sudo for
        an internal user, whose record rules are the backend's (an expert
        reads its clients' orders, not its own purchases): the ownership
        domain of the search then decides alone."""
        Model = request.env[model_name]
        return Model.sudo() if request.env.user._is_internal() else Model

    def _client_center_document(self, model_name, record_id, domain):
        """The client's record ``record_id`` of ``model_name`` matching
        ``domain`` (an ownership domain), in sudo; 404 when it is not."""
        record_id = parse_id(record_id)
        if not record_id:
            raise NotFound()
        record = self._client_center_model(model_name).search([("id", "=", record_id)] + domain, limit=1)
        if not record:
            raise NotFound()
        return record.sudo()

    def _client_center_notices(self):
        """Messages shown after a redirect, by code (never free text from
        the URL)."""
        return {
            "cancelled": ("success", _("The quotation is cancelled.")),
            "cancel_refused": ("danger", _("This order is already confirmed or cancelled: it cannot be cancelled.")),
            "reorder_empty": ("warning", _("Nothing on this order can be ordered again.")),
            "columns_saved": ("success", _("Your columns are saved.")),
            "columns_refused": ("danger", _("These columns are not offered here; nothing changed.")),
            "paid": ("success", _("Thank you: your payment is being processed.")),
            "chat_refused": ("danger", _("Write a message (at most 4000 characters) before sending it.")),
        }

    def _prepare_client_center_values(self, center, active_panel, **values):
        """Rendering values of a panel page inside the center's layout."""
        layout_values = self._prepare_portal_layout_values()
        panels = center._get_sorted_panels()
        notice = self._client_center_notices().get(request.params.get("notice"))
        layout_values.update(
            {
                "center": center,
                "panels": panels,
                "active_panel": active_panel,
                "active_panel_name": next((p["name"] for p in panels if p["key"] == active_panel), ""),
                "page_name": "client_center",
                "commercial_partner": self._client_center_partner(),
                "notice": notice,
                "today": fields.Date.context_today(request.env.user),
            }
        )
        layout_values.update(values)
        return layout_values

    def _render_client_center_list(self, slug, key, page=1, sortby=None, filterby=None, **values):
        """Render the list panel ``key``: one page of the client's records
        as ``client.center._get_list_panels()[key]`` describes them, with
        its sortings, filters, pager, columns and counter."""
        center_sudo = self._get_client_center_panel(slug, key)
        panel = center_sudo._get_list_panels().get(key)
        if not panel:
            raise NotFound()
        sortings, filters = panel["sortings"], panel["filters"]
        if sortby not in sortings:
            sortby = next(iter(sortings))
        if filterby not in filters:
            filterby = next(iter(filters))
        domain = panel["domain"](self._client_center_partner()) + filters[filterby]["domain"]
        # the client's records, with its rights; counted and paged in sudo
        # among them (the record rules are evaluated once for both)
        own_records = self._client_center_model(panel["model"])._search(domain)
        Model_sudo = request.env[panel["model"]].sudo()
        url = center_sudo._get_panel(key)["url"]
        step = center_sudo._items_per_page
        pager = portal_pager(
            url=url,
            url_args={"sortby": sortby, "filterby": filterby},
            total=Model_sudo.search_count([("id", "in", own_records)]),
            page=parse_id(page) or 1,
            step=step,
        )
        records_sudo = Model_sudo.search(
            [("id", "in", own_records)], order=sortings[sortby]["order"], limit=step, offset=pager["offset"]
        )
        list_values = {
            # the page shows related fields (expert, order) of the records found above
            "records": records_sudo,
            "pager": pager,
            "searchbar_sortings": sortings,
            "sortby": sortby,
            "searchbar_filters": filters,
            "filterby": filterby,
            "default_url": url,
            "columns": [],
            "offered_columns": [],
            "column_panel": key,
        }
        if panel.get("columns"):
            offered = center_sudo._get_panel_columns(key)
            list_values.update(
                columns=center_sudo._get_shown_columns(key, request.env.user, offered=offered),
                offered_columns=offered,
            )
        if panel.get("counter"):
            list_values["counters"] = center_sudo._get_home_counters(
                request.env.user.partner_id, keys={panel["counter"]}
            )
        values = self._prepare_client_center_values(center_sudo, key, **list_values, **values)
        return request.render(panel["template"], values)

    # ------------------------------------------------------------------
    # Home and chat
    # ------------------------------------------------------------------

    @http.route("/client-center", **CLIENT_CENTER_ROUTE)
    def client_center_default(self, **kw):
        center_sudo = request.env["client.center"]._get_default_center(getattr(request, "website", None))
        if not center_sudo:
            raise NotFound()
        return request.redirect(center_sudo.website_url)

    @http.route("/client-center/<string:slug>", **CLIENT_CENTER_ROUTE)
    def client_center_home(self, slug, chat=None, **kw):
        center_sudo = self._get_client_center(slug)
        partner = request.env.user.partner_id
        values = self._prepare_client_center_values(
            center_sudo,
            "home",
            counters=center_sudo._get_home_counters(partner),
        )
        if center_sudo.show_chat:
            conversations = center_sudo._get_chat_conversations(partner)
            key = 0 if chat == "0" else parse_id(chat)
            conversation = next((conv for conv in conversations if conv["key"] == key), conversations[0])
            channel_sudo = conversation["channel"]
            values.update(
                chat_conversations=conversations,
                chat_conversation=conversation,
                chat_channel=channel_sudo,
                chat_messages=[
                    center_sudo._chat_format_message(message, partner)
                    for message in (channel_sudo._client_center_messages(CHAT_MESSAGES) if channel_sudo else [])
                ],
                chat_tz=center_sudo._reader_tz(partner),
            )
        return request.render("client_center.client_center_home", values)

    @http.route("/client-center/<string:slug>/chat", methods=["POST"], **CLIENT_CENTER_ROUTE)
    def client_center_chat_post(self, slug, body="", expert_id=None, **kw):
        center_sudo = self._get_client_center(slug)
        if not center_sudo.show_chat:
            raise NotFound()
        partner = request.env.user.partner_id
        wants_json = "application/json" in request.httprequest.headers.get("Accept", "")
        # sudo: the client reads its experts' names; _chat_post refuses
        # anyone who is not one of them
        expert_sudo = request.env["res.users"].sudo()
        if expert_id not in (None, "", "0"):
            expert_sudo = expert_sudo.browse(parse_id(expert_id))
            if not expert_sudo:
                raise BadRequest()
        try:
            message = center_sudo._chat_post(partner, body, expert=expert_sudo)
        except UserError as error:
            if wants_json:
                return request.make_json_response({"error": error.args[0]}, status=400)
            return request.redirect(f"{center_sudo.website_url}?notice=chat_refused")
        if wants_json:
            formatted = center_sudo._chat_format_message(message, partner)
            formatted["date"] = fields.Datetime.to_string(formatted["date"])
            return request.make_json_response({"message": formatted, "channel_id": message.res_id})
        return request.redirect(f"{center_sudo.website_url}?chat={expert_sudo.id}")

    # ------------------------------------------------------------------
    # List panels
    # ------------------------------------------------------------------

    @http.route(
        ["/client-center/<string:slug>/<string:panel>", "/client-center/<string:slug>/<string:panel>/page/<int:page>"],
        **CLIENT_CENTER_ROUTE,
    )
    def client_center_list(self, slug, panel, page=1, sortby=None, filterby=None, **kw):
        """Every list panel (``client.center._get_list_panels``: due
        payments, orders, invoices, and those other modules add): a module
        adding a list panel adds no route. Pages with a route of their own
        (``/sessions``, ``/chat``...) match it first: werkzeug prefers a
        fixed path segment to an argument."""
        return self._render_client_center_list(slug, panel, page, sortby, filterby)

    # ------------------------------------------------------------------
    # Orders: cancel, reorder, create
    # ------------------------------------------------------------------

    def _client_center_order(self, order_id):
        Order = request.env["sale.order"]
        return self._client_center_document(
            "sale.order", order_id, Order._prepare_client_orders_domain(self._client_center_partner())
        )

    @http.route("/client-center/<string:slug>/orders/<int:order_id>/cancel", methods=["POST"], **CLIENT_CENTER_ROUTE)
    def client_center_order_cancel(self, slug, order_id, **kw):
        center_sudo = self._get_client_center_panel(slug, "orders")
        order_sudo = self._client_center_order(order_id)
        try:
            order_sudo._client_center_cancel()
        except UserError:
            return request.redirect(f"{center_sudo.website_url}/orders?notice=cancel_refused")
        return request.redirect(f"{center_sudo.website_url}/orders?notice=cancelled")

    @http.route("/client-center/<string:slug>/orders/<int:order_id>/reorder", methods=["POST"], **CLIENT_CENTER_ROUTE)
    def client_center_order_reorder(self, slug, order_id, **kw):
        center_sudo = self._get_client_center_panel(slug, "orders")
        order_sudo = self._client_center_order(order_id)
        if not order_sudo._client_center_reorder_lines():
            return request.redirect(f"{center_sudo.website_url}/orders?notice=reorder_empty")
        cart = request.website.sale_get_order(force_create=True)
        order_sudo._client_center_reorder(cart)
        request.session["website_sale_cart_quantity"] = cart.cart_quantity
        return request.redirect("/shop/cart")

    @http.route("/client-center/<string:slug>/orders/new", methods=["GET", "POST"], **CLIENT_CENTER_ROUTE)
    def client_center_order_new(self, slug, **kw):
        center_sudo = self._get_client_center(slug)
        if not center_sudo.allow_sale_order_creation:
            raise NotFound()
        error = None
        if request.httprequest.method == "POST":
            quantities = {}
            for product in center_sudo.product_ids:
                quantity = parse_quantity(kw.get(f"qty_{product.id}"))
                if quantity is None:
                    error = _("Quantities are whole numbers.")
                    break
                quantities[product.id] = quantity
            if not error:
                try:
                    order_sudo = request.env["sale.order"]._create_client_center_quotation(
                        center_sudo, request.env.user.partner_id, quantities
                    )
                except UserError as exc:
                    error = exc.args[0]
                else:
                    return request.redirect(order_sudo.get_portal_url())
        values = self._prepare_client_center_values(
            center_sudo, "new_order", products=center_sudo.product_ids, error=error
        )
        return request.render("client_center.client_center_order_new", values)

    # ------------------------------------------------------------------
    # Sessions
    # ------------------------------------------------------------------

    @http.route("/client-center/<string:slug>/sessions", **CLIENT_CENTER_ROUTE)
    def client_center_sessions(self, slug, **kw):
        center_sudo = self._get_client_center_panel(slug, "sessions")
        partner = self._client_center_partner()
        Session = self._client_center_model("session.booking")
        SaleLine = self._client_center_model("sale.order.line")
        limit = center_sudo._items_per_page

        def sessions(period, order, limit):
            return Session.search(Session._prepare_client_sessions_domain(partner, period), order=order, limit=limit)

        lists = {
            "upcoming": sessions("upcoming", "start asc, id", limit),
            "past": sessions("past", "start desc, id desc", SESSIONS_HISTORY),
            "cancelled": sessions("cancelled", "start desc, id desc", SESSIONS_HISTORY),
        }
        # one prefetch set: the three lists' sessions, experts and packages
        # are each read once, however many of the lists have rows
        every = Session.union(*lists.values())
        values = self._prepare_client_center_values(
            center_sudo,
            "sessions",
            # sudo: the page shows each session's expert and package
            **{name: found.with_prefetch(every._prefetch_ids).sudo() for name, found in lists.items()},
            packages=SaleLine.search(
                SaleLine._session_open_packages_domain(partner), order="id desc", limit=limit
            ).sudo(),
            reader=request.env.user.partner_id,
        )
        return request.render("client_center.client_center_sessions", values)

    # ------------------------------------------------------------------
    # Columns
    # ------------------------------------------------------------------

    @http.route("/client-center/<string:slug>/columns", methods=["POST"], **CLIENT_CENTER_ROUTE)
    def client_center_columns(self, slug, panel=None, **kw):
        center_sudo = self._get_client_center(slug)
        described = center_sudo._get_list_panels().get(panel) if isinstance(panel, str) else None
        if not (described and described.get("columns") and center_sudo._has_panel(panel)):
            raise NotFound()
        column_ids = parse_ids(request.httprequest.form.getlist("column_ids"))
        notice = "columns_saved"
        try:
            if column_ids is None:
                raise ValidationError(_("Malformed columns."))
            center_sudo._set_shown_columns(panel, request.env.user, column_ids)
        except (ValidationError, AccessError):
            notice = "columns_refused"
        return request.redirect(f"{center_sudo.website_url}/{panel}?notice={notice}")
