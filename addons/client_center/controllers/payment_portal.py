from werkzeug.exceptions import NotFound

from odoo import _, fields, http
from odoo.exceptions import MissingError, UserError, ValidationError
from odoo.fields import Command
from odoo.http import content_disposition, request
from odoo.tools import consteq

from odoo.addons.payment import utils as payment_utils
from odoo.addons.payment.controllers.portal import PaymentPortal

from ..tools import parse_id, parse_ids
from .portal import CLIENT_CENTER_ROUTE, ClientCenterPortal

TRANSACTION_FLOWS = ("redirect", "direct", "token")


class ClientCenterPaymentPortal(ClientCenterPortal, PaymentPortal):
    """Due payments: one online transaction pays several invoices (Odoo's
    payment form and transaction helpers), and the statement."""

    def _client_center_invoices_to_pay(self, invoice_ids):
        """The due invoices to pay (all when ``invoice_ids`` is None), in
        sudo, searched with the user's rights (see
        ``account.move._get_client_due_invoices``)."""
        Move = self._client_center_model("account.move")
        return Move._get_client_due_invoices(self._client_center_partner(), invoice_ids).sudo()

    def _client_center_payment_values(self, invoices_sudo):
        """Amount, currency and access token of ONE transaction paying
        ``invoices_sudo``: computed here only, for the form shown and for
        the transaction it posts (a payment received in between changes the
        amount, hence the token: the transaction is then refused)."""
        user_partner = request.env.user.partner_id
        amount = sum(invoices_sudo.mapped("amount_residual"))
        currency = invoices_sudo.currency_id
        reference = ",".join(str(invoice_id) for invoice_id in invoices_sudo.ids)
        return {
            "amount": amount,
            "currency": currency,
            "partner_id": user_partner.id,
            "invoice_reference": reference,
            "access_token": payment_utils.generate_access_token(user_partner.id, amount, currency.id, reference),
        }

    def _client_center_payment_form_values(self, center_sudo, invoices_sudo):
        """Values of Odoo's payment form paying ``invoices_sudo`` in one
        transaction."""
        payment = self._client_center_payment_values(invoices_sudo)
        user_partner = request.env.user.partner_id
        company = invoices_sudo.company_id[:1]
        currency = payment["currency"]
        # sudo: providers, methods and tokens are read for the payment form,
        # as Odoo's invoice portal does
        providers_sudo = (
            request.env["payment.provider"]
            .sudo()
            ._get_compatible_providers(company.id, user_partner.id, payment["amount"], currency_id=currency.id)
        )
        payment_methods_sudo = (
            request.env["payment.method"]
            .sudo()
            ._get_compatible_payment_methods(providers_sudo.ids, user_partner.id, currency_id=currency.id)
        )
        tokens_sudo = request.env["payment.token"].sudo()._get_available_tokens(providers_sudo.ids, user_partner.id)
        return {
            "amount": payment["amount"],
            "currency": currency,
            "partner_id": user_partner.id,
            "providers_sudo": providers_sudo,
            "payment_methods_sudo": payment_methods_sudo,
            "tokens_sudo": tokens_sudo,
            "show_tokenize_input_mapping": self._compute_show_tokenize_input_mapping(providers_sudo),
            "transaction_route": f"{center_sudo.website_url}/payments/transaction/{payment['invoice_reference']}",
            "landing_route": f"{center_sudo.website_url}/payments?notice=paid",
            "access_token": payment["access_token"],
            "company_mismatch": not self._can_partner_pay_in_company(user_partner, company),
            "expected_company": company,
        }

    @http.route("/client-center/<string:slug>/payments/pay", **CLIENT_CENTER_ROUTE)
    def client_center_payments_pay(self, slug, **kw):
        center_sudo = self._get_client_center_panel(slug, "payments")
        error = None
        invoices_sudo = request.env["account.move"]
        if kw.get("all"):
            invoice_ids = None
        else:
            invoice_ids = parse_ids(request.httprequest.args.getlist("invoice_ids"))
            if invoice_ids is None:
                raise NotFound()
        try:
            invoices_sudo = self._client_center_invoices_to_pay(invoice_ids)
        except MissingError as exc:
            raise NotFound() from exc
        except UserError as exc:
            error = exc.args[0]
        values = self._prepare_client_center_values(center_sudo, "payments", invoices=invoices_sudo, error=error)
        if invoices_sudo:
            values.update(self._client_center_payment_form_values(center_sudo, invoices_sudo))
        return request.render("client_center.client_center_pay", values)

    @staticmethod
    def _client_center_check_transaction_kwargs(kwargs):
        """The values Odoo's payment form posts, of the types it posts:
        anything else is refused before it reaches the transaction."""
        for key in ("provider_id", "payment_method_id", "token_id"):
            value = kwargs.get(key)
            if value is not None and (isinstance(value, bool) or parse_id(value) != value):
                raise ValidationError(_("The provided parameters are invalid."))
        if kwargs.get("flow") not in TRANSACTION_FLOWS:
            raise ValidationError(_("The provided parameters are invalid."))
        for key in ("tokenization_requested", "is_validation"):
            if not isinstance(kwargs.get(key, False), bool):
                raise ValidationError(_("The provided parameters are invalid."))
        if not isinstance(kwargs.get("landing_route", ""), str):
            raise ValidationError(_("The provided parameters are invalid."))

    @http.route("/client-center/<string:slug>/payments/transaction/<string:invoice_ids>", type="json", auth="user")
    def client_center_payments_transaction(self, slug, invoice_ids, access_token=None, **kwargs):
        """Create one transaction paying all the chosen invoices; the
        payment is reconciled with each of them when the transaction is done."""
        self._get_client_center_panel(slug, "payments")
        ids = parse_ids([invoice_ids])
        if not ids or not isinstance(access_token, str):
            raise ValidationError(_("The provided parameters are invalid."))
        try:
            invoices_sudo = self._client_center_invoices_to_pay(ids)
        except MissingError as exc:
            raise ValidationError(_("The provided parameters are invalid.")) from exc
        payment = self._client_center_payment_values(invoices_sudo)
        if not consteq(access_token, payment["access_token"]):
            # the amounts changed since the page was shown (a payment came in)
            raise ValidationError(_("The amount due changed: reload the page and pay again."))
        self._validate_transaction_kwargs(kwargs)
        self._client_center_check_transaction_kwargs(kwargs)
        kwargs.update(
            {"amount": payment["amount"], "currency_id": payment["currency"].id, "partner_id": payment["partner_id"]}
        )
        tx_sudo = self._create_transaction(
            custom_create_values={"invoice_ids": [Command.set(invoices_sudo.ids)]},
            **kwargs,
        )
        return tx_sudo._get_processing_values()

    @http.route("/client-center/<string:slug>/payments/statement", **CLIENT_CENTER_ROUTE)
    def client_center_payments_statement(self, slug, **kw):
        center_sudo = self._get_client_center_panel(slug, "payments")
        partner = self._client_center_partner()
        # sudo: the statement holds the user's own commercial partner's invoices only
        pdf, _format = (
            request.env["ir.actions.report"]
            .sudo()
            ._render_qweb_pdf("client_center.action_report_statement", partner.ids, data={"center_id": center_sudo.id})
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
