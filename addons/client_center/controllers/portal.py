from werkzeug.exceptions import NotFound

from odoo import _, fields, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.fields import Command
from odoo.http import SessionExpiredException, content_disposition, request

from odoo.addons.payment import utils as payment_utils
from odoo.addons.payment.controllers.portal import PaymentPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

ITEMS_PER_PAGE = 20
CHAT_MESSAGES = 50


def _parse_ids(values):
    """Integer ids from request values ("1", "1,2", ["1", "2"]); None when
    one is malformed."""
    ids = []
    for value in values:
        for part in str(value).split(","):
            part = part.strip()
            if not part:
                continue
            if not part.isdigit():
                return None
            ids.append(int(part))
    return ids


class ClientCenterPortal(PaymentPortal):
    """Routes of the portal client center.

    A ``CustomerPortal`` (through ``PaymentPortal``, whose transaction
    helpers pay several invoices at once). Modules adding a panel inherit
    this class, get the center with ``_get_client_center(slug)`` and render
    their page inside ``client_center.client_center_layout``.
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

    def _get_client_center_panel(self, slug, key):
        """The center, or 404 when it does not show the panel ``key``."""
        center = self._get_client_center(slug)
        if not center._has_panel(key):
            raise NotFound()
        return center

    def _client_center_partner(self):
        return request.env.user.partner_id.commercial_partner_id

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

    def _client_center_list(self, center, panel, model_name, domain, sortings, filters, url, sortby, filterby, page):
        """One page of a list panel with its sorting, filter, pager and columns."""
        if sortby not in sortings:
            sortby = next(iter(sortings))
        if filterby not in filters:
            filterby = next(iter(filters))
        domain = domain + filters[filterby]["domain"]
        # sudo: the domain holds the commercial partner's records only
        Model = request.env[model_name].sudo()
        total = Model.search_count(domain)
        pager = portal_pager(
            url=url,
            url_args={"sortby": sortby, "filterby": filterby},
            total=total,
            page=page,
            step=ITEMS_PER_PAGE,
        )
        records = Model.search(domain, order=sortings[sortby]["order"], limit=ITEMS_PER_PAGE, offset=pager["offset"])
        return {
            "records": records,
            "pager": pager,
            "searchbar_sortings": sortings,
            "sortby": sortby,
            "searchbar_filters": filters,
            "filterby": filterby,
            "columns": center._get_shown_columns(panel, request.env.user),
            "offered_columns": center._get_panel_columns(panel),
            "column_panel": panel,
            "default_url": url,
        }

    # ------------------------------------------------------------------
    # Home and chat
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
        if center.show_chat:
            values.update(
                chat_channel=center._get_chat_channel(partner),
                chat_messages=center._chat_messages(partner, limit=CHAT_MESSAGES),
            )
        return request.render("client_center.client_center_home", values)

    @http.route(
        "/client-center/<string:slug>/chat", type="http", auth="user", website=True, methods=["POST"], sitemap=False
    )
    def client_center_chat_post(self, slug, body="", **kw):
        center = self._get_client_center(slug)
        if not center.show_chat:
            raise NotFound()
        partner = request.env.user.partner_id
        wants_json = "application/json" in request.httprequest.headers.get("Accept", "")
        try:
            message = center._chat_post(partner, body)
        except UserError as error:
            if wants_json:
                return request.make_json_response({"error": error.args[0]}, status=400)
            return request.redirect(f"{center.website_url}?notice=chat_refused")
        if wants_json:
            formatted = center._chat_format_message(message, partner)
            formatted["date"] = fields.Datetime.to_string(formatted["date"])
            channel = center._get_chat_channel(partner)
            return request.make_json_response({"message": formatted, "channel_id": channel.id})
        return request.redirect(center.website_url)

    # ------------------------------------------------------------------
    # Due payments
    # ------------------------------------------------------------------

    def _payments_sortings(self):
        return {
            "due_date": {"label": _("Due Date"), "order": "invoice_date_due asc, id asc"},
            "date": {"label": _("Invoice Date"), "order": "invoice_date desc, id desc"},
            "name": {"label": _("Number"), "order": "name desc, id desc"},
            "amount": {"label": _("Amount Due"), "order": "amount_residual desc, id desc"},
        }

    def _payments_filters(self, today):
        return {
            "all": {"label": _("All"), "domain": []},
            "overdue": {"label": _("Overdue"), "domain": [("invoice_date_due", "<", today)]},
        }

    @http.route(
        ["/client-center/<string:slug>/payments", "/client-center/<string:slug>/payments/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        sitemap=False,
    )
    def client_center_payments(self, slug, page=1, sortby=None, filterby=None, **kw):
        center = self._get_client_center_panel(slug, "payments")
        partner = self._client_center_partner()
        today = fields.Date.context_today(request.env.user)
        values = self._prepare_client_center_values(
            center,
            "payments",
            **self._client_center_list(
                center,
                "payments",
                "account.move",
                center._due_invoice_domain(partner),
                self._payments_sortings(),
                self._payments_filters(today),
                f"{center.website_url}/payments",
                sortby,
                filterby,
                page,
            ),
            counters=center._get_home_counters(request.env.user.partner_id),
        )
        return request.render("client_center.client_center_payments", values)

    @http.route("/client-center/<string:slug>/payments/pay", type="http", auth="user", website=True, sitemap=False)
    def client_center_payments_pay(self, slug, **kw):
        center = self._get_client_center_panel(slug, "payments")
        partner = self._client_center_partner()
        error = None
        invoices = request.env["account.move"]
        if kw.get("all"):
            invoice_ids = None
        else:
            invoice_ids = _parse_ids(request.httprequest.args.getlist("invoice_ids"))
            if invoice_ids is None:
                raise NotFound()
        try:
            invoices = center._get_invoices_to_pay(partner, invoice_ids)
        except MissingError as exc:
            raise NotFound() from exc
        except UserError as exc:
            error = exc.args[0]
        values = self._prepare_client_center_values(center, "payments", invoices=invoices, error=error)
        if invoices:
            values.update(self._client_center_payment_form_values(center, invoices))
        return request.render("client_center.client_center_pay", values)

    def _client_center_payment_form_values(self, center, invoices):
        """Values of Odoo's payment form paying ``invoices`` in one
        transaction."""
        user_partner = request.env.user.partner_id
        company = invoices.company_id[:1]
        currency = invoices.currency_id
        amount = sum(invoices.mapped("amount_residual"))
        # sudo: providers, methods and tokens are read for the payment form,
        # as Odoo's invoice portal does
        providers_sudo = (
            request.env["payment.provider"]
            .sudo()
            ._get_compatible_providers(company.id, user_partner.id, amount, currency_id=currency.id)
        )
        payment_methods_sudo = (
            request.env["payment.method"]
            .sudo()
            ._get_compatible_payment_methods(providers_sudo.ids, user_partner.id, currency_id=currency.id)
        )
        tokens_sudo = request.env["payment.token"].sudo()._get_available_tokens(providers_sudo.ids, user_partner.id)
        ids = ",".join(str(invoice_id) for invoice_id in invoices.ids)
        return {
            "amount": amount,
            "currency": currency,
            "partner_id": user_partner.id,
            "providers_sudo": providers_sudo,
            "payment_methods_sudo": payment_methods_sudo,
            "tokens_sudo": tokens_sudo,
            "show_tokenize_input_mapping": self._compute_show_tokenize_input_mapping(providers_sudo),
            "transaction_route": f"{center.website_url}/payments/transaction/{ids}",
            "landing_route": f"{center.website_url}/payments?notice=paid",
            "access_token": payment_utils.generate_access_token(user_partner.id, amount, currency.id, ids),
            "company_mismatch": not self._can_partner_pay_in_company(user_partner, company),
            "expected_company": company,
        }

    @http.route("/client-center/<string:slug>/payments/transaction/<string:invoice_ids>", type="json", auth="user")
    def client_center_payments_transaction(self, slug, invoice_ids, access_token=None, **kwargs):
        """Create one transaction paying all the chosen invoices; the
        payment is reconciled with each of them when the transaction is done."""
        center = self._get_client_center_panel(slug, "payments")
        partner = self._client_center_partner()
        ids = _parse_ids([invoice_ids])
        if not ids:
            raise ValidationError(_("The provided parameters are invalid."))
        try:
            invoices = center._get_invoices_to_pay(partner, ids)
        except MissingError as exc:
            raise ValidationError(_("The provided parameters are invalid.")) from exc
        user_partner = request.env.user.partner_id
        amount = sum(invoices.mapped("amount_residual"))
        currency = invoices.currency_id
        token_ids = ",".join(str(invoice_id) for invoice_id in invoices.ids)
        if not payment_utils.check_access_token(access_token, user_partner.id, amount, currency.id, token_ids):
            # the amounts changed since the page was shown (a payment came in)
            raise ValidationError(_("The amount due changed: reload the page and pay again."))
        self._validate_transaction_kwargs(kwargs)
        kwargs.update({"amount": amount, "currency_id": currency.id, "partner_id": user_partner.id})
        tx_sudo = self._create_transaction(
            custom_create_values={"invoice_ids": [Command.set(invoices.ids)]},
            **kwargs,
        )
        return tx_sudo._get_processing_values()

    @http.route(
        "/client-center/<string:slug>/payments/statement", type="http", auth="user", website=True, sitemap=False
    )
    def client_center_payments_statement(self, slug, **kw):
        center = self._get_client_center_panel(slug, "payments")
        partner = self._client_center_partner()
        # sudo: the statement holds the user's commercial partner's invoices only
        pdf, _format = (
            request.env["ir.actions.report"]
            .sudo()
            ._render_qweb_pdf("client_center.action_report_statement", partner.ids, data={"center_id": center.id})
        )
        filename = _("Statement %(date)s.pdf", date=fields.Date.to_string(fields.Date.context_today(request.env.user)))
        return request.make_response(
            pdf,
            headers=[
                ("Content-Type", "application/pdf"),
                ("Content-Length", len(pdf)),
                ("Content-Disposition", content_disposition(filename)),
            ],
        )

    # ------------------------------------------------------------------
    # Orders
    # ------------------------------------------------------------------

    def _orders_sortings(self):
        return {
            "date": {"label": _("Newest"), "order": "date_order desc, id desc"},
            "name": {"label": _("Reference"), "order": "name desc, id desc"},
            "amount": {"label": _("Total"), "order": "amount_total desc, id desc"},
            "state": {"label": _("Status"), "order": "state, date_order desc, id desc"},
        }

    def _orders_filters(self):
        return {
            "all": {"label": _("All"), "domain": []},
            "quotations": {"label": _("Quotations"), "domain": [("state", "=", "sent")]},
            "orders": {"label": _("Confirmed"), "domain": [("state", "=", "sale")]},
            "cancelled": {"label": _("Cancelled"), "domain": [("state", "=", "cancel")]},
        }

    @http.route(
        ["/client-center/<string:slug>/orders", "/client-center/<string:slug>/orders/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        sitemap=False,
    )
    def client_center_orders(self, slug, page=1, sortby=None, filterby=None, **kw):
        center = self._get_client_center_panel(slug, "orders")
        partner = self._client_center_partner()
        values = self._prepare_client_center_values(
            center,
            "orders",
            **self._client_center_list(
                center,
                "orders",
                "sale.order",
                center._order_domain(partner),
                self._orders_sortings(),
                self._orders_filters(),
                f"{center.website_url}/orders",
                sortby,
                filterby,
                page,
            ),
        )
        return request.render("client_center.client_center_orders", values)

    def _client_center_order(self, center, order_id):
        try:
            return center._browse_own("sale.order", [order_id], center._order_domain(self._client_center_partner()))
        except MissingError as exc:
            raise NotFound() from exc

    @http.route(
        "/client-center/<string:slug>/orders/<int:order_id>/cancel",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
        sitemap=False,
    )
    def client_center_order_cancel(self, slug, order_id, **kw):
        center = self._get_client_center_panel(slug, "orders")
        order = self._client_center_order(center, order_id)
        try:
            order._client_center_cancel()
        except UserError:
            return request.redirect(f"{center.website_url}/orders?notice=cancel_refused")
        return request.redirect(f"{center.website_url}/orders?notice=cancelled")

    @http.route(
        "/client-center/<string:slug>/orders/<int:order_id>/reorder",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
        sitemap=False,
    )
    def client_center_order_reorder(self, slug, order_id, **kw):
        center = self._get_client_center_panel(slug, "orders")
        order = self._client_center_order(center, order_id)
        if not order._client_center_reorder_lines():
            return request.redirect(f"{center.website_url}/orders?notice=reorder_empty")
        cart = request.website.sale_get_order(force_create=True)
        order._client_center_reorder(cart)
        request.session["website_sale_cart_quantity"] = cart.cart_quantity
        return request.redirect("/shop/cart")

    @http.route(
        "/client-center/<string:slug>/orders/new",
        type="http",
        auth="user",
        website=True,
        methods=["GET", "POST"],
        sitemap=False,
    )
    def client_center_order_new(self, slug, **kw):
        center = self._get_client_center(slug)
        if not center.allow_sale_order_creation:
            raise NotFound()
        error = None
        if request.httprequest.method == "POST":
            quantities = {}
            for product in center.product_ids:
                raw = (kw.get(f"qty_{product.id}") or "0").strip()
                if not raw.isdigit():
                    error = _("Quantities are whole numbers.")
                    break
                quantities[product.id] = int(raw)
            if not error:
                try:
                    order = center._create_client_quotation(request.env.user.partner_id, quantities)
                except UserError as exc:
                    error = exc.args[0]
                else:
                    return request.redirect(order.get_portal_url())
        values = self._prepare_client_center_values(center, "new_order", products=center.product_ids, error=error)
        return request.render("client_center.client_center_order_new", values)

    # ------------------------------------------------------------------
    # Invoices
    # ------------------------------------------------------------------

    def _invoices_sortings(self):
        return {
            "date": {"label": _("Newest"), "order": "invoice_date desc, id desc"},
            "due_date": {"label": _("Due Date"), "order": "invoice_date_due desc, id desc"},
            "name": {"label": _("Number"), "order": "name desc, id desc"},
            "amount": {"label": _("Total"), "order": "amount_total_signed desc, id desc"},
        }

    def _invoices_filters(self):
        return {
            "all": {"label": _("All"), "domain": []},
            "invoices": {"label": _("Invoices"), "domain": [("move_type", "=", "out_invoice")]},
            "credit_notes": {"label": _("Credit Notes"), "domain": [("move_type", "=", "out_refund")]},
            "unpaid": {"label": _("Unpaid"), "domain": [("payment_state", "in", ("not_paid", "partial"))]},
            "paid": {"label": _("Paid"), "domain": [("payment_state", "in", ("paid", "in_payment", "reversed"))]},
        }

    @http.route(
        ["/client-center/<string:slug>/invoices", "/client-center/<string:slug>/invoices/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        sitemap=False,
    )
    def client_center_invoices(self, slug, page=1, sortby=None, filterby=None, **kw):
        center = self._get_client_center_panel(slug, "invoices")
        partner = self._client_center_partner()
        values = self._prepare_client_center_values(
            center,
            "invoices",
            **self._client_center_list(
                center,
                "invoices",
                "account.move",
                center._invoice_domain(partner),
                self._invoices_sortings(),
                self._invoices_filters(),
                f"{center.website_url}/invoices",
                sortby,
                filterby,
                page,
            ),
        )
        return request.render("client_center.client_center_invoices", values)

    # ------------------------------------------------------------------
    # Sessions
    # ------------------------------------------------------------------

    @http.route("/client-center/<string:slug>/sessions", type="http", auth="user", website=True, sitemap=False)
    def client_center_sessions(self, slug, **kw):
        center = self._get_client_center_panel(slug, "sessions")
        partner = self._client_center_partner()
        # sudo: the domains hold the commercial partner's records only
        bookings = (
            request.env["session.booking"]
            .sudo()
            .search(
                [("commercial_partner_id", "=", partner.id), ("is_upcoming", "=", True)],
                order="start asc",
                limit=ITEMS_PER_PAGE,
            )
        )
        SaleLine = request.env["sale.order.line"].sudo()
        packages = SaleLine.search(
            SaleLine._session_open_packages_domain(partner), order="id desc", limit=ITEMS_PER_PAGE
        )
        values = self._prepare_client_center_values(
            center, "sessions", bookings=bookings, packages=packages, client_tz=request.env.user.tz or "UTC"
        )
        return request.render("client_center.client_center_sessions", values)

    # ------------------------------------------------------------------
    # Columns
    # ------------------------------------------------------------------

    @http.route(
        "/client-center/<string:slug>/columns",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
        sitemap=False,
    )
    def client_center_columns(self, slug, panel=None, **kw):
        center = self._get_client_center(slug)
        if panel not in ("payments", "orders", "invoices") or not center._has_panel(panel):
            raise NotFound()
        column_ids = _parse_ids(request.httprequest.form.getlist("column_ids"))
        notice = "columns_saved"
        try:
            if column_ids is None:
                raise ValidationError(_("Malformed columns."))
            center._set_shown_columns(panel, request.env.user, column_ids)
        except (ValidationError, AccessError):
            notice = "columns_refused"
        return request.redirect(f"{center.website_url}/{panel}?notice={notice}")
