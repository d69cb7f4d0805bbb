from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression

SALE_DOCUMENT_TYPES = ("out_invoice", "out_refund", "out_receipt")
# Marks (in the context) the journal item changes Odoo makes while it applies
# a write an expert may make (posting a draft: the payment terms and taxes
# are synchronised once the move is posted). A Python object: no RPC
# context can carry it.
EXPERT_ALLOWED_MOVE_WRITE = object()

# What an expert may still change on a posted invoice: what Odoo's own flows
# write when it sends it (Send & Print, the portal link) and its words to the
# client (payment reference, terms); anything else of a posted entry (amounts,
# accounts, dates, partner, state) is the platform's.
EXPERT_POSTED_WRITABLE_FIELDS = {
    "is_move_sent",
    "send_and_print_values",
    "message_main_attachment_id",
    "access_token",
    "payment_reference",
    "narration",
}


class AccountMove(models.Model):
    _name = "account.move"
    _inherit = ["account.move", "expert.client.mixin"]

    _expert_client_fields = ("partner_id", "partner_shipping_id", "invoice_line_ids", "line_ids", "invoice_user_id")

    expert_user_ids = fields.Many2many(
        "res.users",
        string="Experts",
        compute="_compute_expert_user_ids",
        search="_search_expert_user_ids",
        help="The experts whose business this entry is: the expert of a product it sells, its expert "
        "salesperson; for a payment, the experts of the invoices it pays or of the order it was made "
        "for, or the expert who registered it. The experts' record rules read it.",
    )

    @api.depends(
        "invoice_user_id",
        "line_ids.product_id",
        "line_ids.matched_debit_ids",
        "line_ids.matched_credit_ids",
        "payment_id.payment_transaction_id.sale_order_ids",
    )
    def _compute_expert_user_ids(self):
        for move in self.sudo():
            moves = move
            if move.payment_id:
                lines = move.line_ids
                moves |= lines.matched_debit_ids.debit_move_id.move_id | lines.matched_credit_ids.credit_move_id.move_id
            experts = moves._expert_sale_experts()
            if move.payment_id:
                experts |= move.payment_id.payment_transaction_id.sale_order_ids.order_line.product_id.expert_id
                if move.create_uid.is_restricted_expert:
                    experts |= move.create_uid
            move.expert_user_ids = experts

    def _expert_sale_experts(self):
        """Experts of these moves as sales: product experts and expert salespeople."""
        salespeople = self.invoice_user_id.filtered("is_restricted_expert")
        return self.line_ids.product_id.product_tmpl_id.expert_id | salespeople

    def _search_expert_user_ids(self, operator, value):
        if operator not in ("in", "="):
            raise UserError(_("Operation not supported on the experts of an entry."))
        user_ids = [value] if isinstance(value, int) else list(value or [])
        sales = self._expert_sale_documents_domain(user_ids)
        orders = [
            "|",
            ("user_id", "in", user_ids),
            ("order_line.product_id.product_tmpl_id.expert_id", "in", user_ids),
        ]
        payments = [
            ("payment_id", "!=", False),
            "|",
            "|",
            "|",
            ("create_uid", "in", user_ids),
            ("line_ids.matched_debit_ids.debit_move_id.move_id", "any", sales),
            ("line_ids.matched_credit_ids.credit_move_id.move_id", "any", sales),
            ("payment_id.payment_transaction_id.sale_order_ids", "any", orders),
        ]
        return expression.OR([sales, payments])

    @api.model
    def _expert_sale_documents_domain(self, user_ids):
        """Domain of the entries that sell the work of experts ``user_ids``:
        one of their products, or with one of them as salesperson."""
        return [
            "|",
            ("invoice_user_id", "in", user_ids),
            ("line_ids.product_id.product_tmpl_id.expert_id", "in", user_ids),
        ]

    def _link_client_experts(self):
        """The customer of an invoice is a client of the experts who read the
        invoice: the experts of its products and its salesperson when an
        expert (the invoice rules)."""
        for move in self.sudo().filtered(lambda move: move.is_sale_document(include_receipts=True)):
            (move.partner_id | move.partner_shipping_id)._link_client_experts(move._expert_sale_experts())

    # ------------------------------------------------------------------
    # What an expert may change: its draft sales, never a posted entry
    # ------------------------------------------------------------------

    @api.depends_context("uid")
    def _compute_show_reset_to_draft_button(self):  # pylint: disable=missing-return
        super()._compute_show_reset_to_draft_button()
        if self._expert_is_restricted():
            # an expert changes a posted invoice with a credit note
            self.filtered(lambda move: move.state == "posted").show_reset_to_draft_button = False

    @api.model
    def _expert_is_restricted(self):
        return not self.env.su and self.env.user._is_restricted_expert()

    def _expert_check_posted_write(self, vals):
        """An expert changes a posted invoice with a credit note (or asks the
        platform), never by editing, resetting or cancelling it."""
        changed = self._expert_stored_fields(vals, self._fields) if self._expert_is_restricted() else ()
        if not changed:
            return
        posted = self.filtered(
            lambda move: move.state == "posted" and any(self._field_will_change(move, vals, name) for name in changed)
        )
        if posted:
            raise AccessError(
                _(
                    "%s is posted: an expert changes it with a credit note, or asks the platform.",
                    ", ".join(posted.mapped("display_name")),
                )
            )

    @api.model
    def _expert_stored_fields(self, vals, model_fields):
        """The stored fields of ``model_fields`` that ``vals`` writes, but
        those an expert may write on a posted entry (Odoo's flows also write
        technical, not stored flags)."""
        writable = self._expert_posted_writable_fields()
        return {name for name in vals if name not in writable and name in model_fields and model_fields[name].store}

    @api.model
    def _expert_posted_writable_fields(self):
        """What an expert may still write on a posted entry (modules add
        their own switches, e.g. the invoice's reminders)."""
        return EXPERT_POSTED_WRITABLE_FIELDS

    def _check_can_write(self, vals):
        """Raise unless the current user may write ``vals`` on these moves."""
        self.check_access_rights("write")
        self.check_access_rule("write")
        self._expert_check_posted_write(vals)

    @api.model_create_multi
    def create(self, vals_list):
        if self._expert_is_restricted() and any(vals.get("state", "draft") != "draft" for vals in vals_list):
            raise AccessError(_("An expert creates draft invoices and posts them."))
        return super().create(vals_list)

    def write(self, vals):
        if not self._expert_is_restricted():
            return super().write(vals)
        self._expert_check_posted_write(vals)
        return super(AccountMove, self.with_context(expert_base_allowed_write=EXPERT_ALLOWED_MOVE_WRITE)).write(vals)

    # ------------------------------------------------------------------
    # The payment widget: Add an outstanding credit, remove a payment
    # ------------------------------------------------------------------

    def js_assign_outstanding_line(self, line_id):
        """An expert applies to its own invoice one of the outstanding credits
        the invoice shows it (its client's payments and credit notes that the
        expert may see); the reconciliation, which also writes the payment's
        journal items, is then made as superuser."""
        if not self._expert_is_restricted():
            return super().js_assign_outstanding_line(line_id)
        self.ensure_one()
        self._check_can_write({})
        widget = self.invoice_outstanding_credits_debits_widget or {}
        if line_id not in [credit["id"] for credit in widget.get("content", [])]:
            raise AccessError(_("This credit is not an outstanding credit of %s.", self.display_name))
        return super(AccountMove, self.sudo()).js_assign_outstanding_line(line_id)

    def js_remove_outstanding_partial(self, partial_id):
        """An expert may take a payment or credit off its own invoice (to
        apply it elsewhere), never off another invoice."""
        if not self._expert_is_restricted():
            return super().js_remove_outstanding_partial(partial_id)
        self.ensure_one()
        self._check_can_write({})
        if not isinstance(partial_id, int):
            raise UserError(_("Choose a payment of this invoice."))
        partial = self.env["account.partial.reconcile"].sudo().browse(partial_id).exists()
        if not partial or not (partial.debit_move_id | partial.credit_move_id) & self.line_ids:
            raise AccessError(_("This payment is not reconciled with %s.", self.display_name))
        return super(AccountMove, self.sudo()).js_remove_outstanding_partial(partial_id)

    # ------------------------------------------------------------------
    # Mailing an invoice from a job: Send & Print's cron
    # ------------------------------------------------------------------

    def _expert_queue_send(self, template, author):
        """Queue these invoices for Send & Print's cron, which renders the
        PDFs of its batch with one wkhtmltopdf run (see
        ``account.move.send._render_invoice_pdf_batch``) and mails each with
        ``template`` from ``author`` (a user), once the caller's transaction
        commits: a run costs seconds, the caller (a cancellation, a payment's
        post-processing) neither waits for it nor fails with it."""
        if not self:
            return
        self.sudo().send_and_print_values = {
            "mail_template_id": template.id,
            "sp_partner_id": author.partner_id.id,
            "sp_user_id": author.id,
            "download": False,
            "send_mail": True,
        }
        # as env.ref, without its existence query (ormcached xmlid)
        _model, cron_id = self.env["ir.model.data"]._xmlid_to_res_model_res_id("account.ir_cron_account_move_send")
        self.env["ir.cron"].sudo().browse(cron_id)._trigger()
