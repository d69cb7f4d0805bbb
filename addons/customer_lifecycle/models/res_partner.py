from collections import defaultdict
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.tools import float_is_zero, format_amount

GROUP_MANAGER = "expert_base.group_platform_manager"
PG_MAX_ID = 2**31 - 1
REASON_MAX_LENGTH = 500
CUSTOMER_STATUSES = [
    ("activated", "Activated"),
    ("closed", "Closed"),
    ("cancelled", "Cancelled"),
    ("terminated", "Terminated"),
]
# a client in these statuses neither checks out nor books
BLOCKED_STATUSES = ("cancelled", "terminated")
# recurring orders still charging or meant to charge again
RUNNING_RECURRING_STATES = ("active", "processing", "suspended", "failed")
# personal fields an anonymization keeps: technical values, not the person's
ANONYMIZE_KEEP_FIELDS = {"customer_status_reason", "signup_type"}
# written only by the status actions and the anonymization (as superuser)
STATUS_FIELDS = {
    "customer_status",
    "customer_status_date",
    "customer_status_reason",
    "customer_status_user_id",
    "anonymized_at",
}
ICP_CLOSE_DAYS = "customer_lifecycle.close_after_days"
DEFAULT_CLOSE_DAYS = 365


class ResPartner(models.Model):
    _inherit = "res.partner"

    # the Activity tab lists the tracked changes of the customer
    name = fields.Char(tracking=True)
    email = fields.Char(tracking=True)
    phone = fields.Char(tracking=True)
    mobile = fields.Char(tracking=True)
    street = fields.Char(tracking=True)
    zip = fields.Char(tracking=True)
    city = fields.Char(tracking=True)
    country_id = fields.Many2one(tracking=True)
    vat = fields.Char(tracking=True)
    user_id = fields.Many2one(tracking=True)

    customer_status = fields.Selection(
        CUSTOMER_STATUSES,
        readonly=True,
        copy=False,
        index="btree_not_null",
        tracking=True,
        help="Activated: bought or created as a customer. Closed: no recurring order running or planned. "
        "Cancelled: by the platform. Terminated: its last recurring order ended through resiliation.",
    )
    customer_status_date = fields.Datetime(string="Status Since", readonly=True, copy=False, tracking=True)
    customer_status_reason = fields.Char(string="Status Reason", readonly=True, copy=False, tracking=True)
    customer_status_user_id = fields.Many2one(
        "res.users", string="Status Set By", readonly=True, copy=False, tracking=True
    )
    anonymized_at = fields.Datetime(readonly=True, copy=False)
    customer_properties = fields.Properties(
        "Extended Information",
        definition="company_id.customer_properties_definition",
        copy=True,
    )

    # the list's columns
    customer_open_balance = fields.Monetary(
        string="Open Balance",
        compute="_compute_customer_open_balance",
        currency_field="currency_id",
        help="What the customer still owes (receivable), overdue or not.",
    )
    customer_recurring_count = fields.Integer(
        string="Active Recurring Orders", compute="_compute_customer_recurring_count"
    )
    customer_last_order_date = fields.Datetime(string="Last Order", compute="_compute_customer_last_order_date")
    customer_expert_names = fields.Char(string="Experts", compute="_compute_customer_expert_names")

    # the customer page's tabs (commercial partner: every contact's records)
    customer_recurring_order_ids = fields.One2many(
        "recurring.order", "commercial_partner_id", string="Subscriptions", readonly=True
    )
    customer_invoice_ids = fields.One2many(
        "account.move",
        "commercial_partner_id",
        string="Invoices & Credit Notes",
        readonly=True,
        domain=[("move_type", "in", ("out_invoice", "out_refund"))],
    )
    customer_payment_ids = fields.Many2many(
        "account.payment", string="Payments", compute="_compute_customer_tabs", readonly=True
    )
    customer_quote_ids = fields.Many2many("sale.order", string="Quotes", compute="_compute_customer_tabs")
    customer_order_ids = fields.Many2many("sale.order", string="Orders", compute="_compute_customer_tabs")
    customer_session_ids = fields.One2many("session.booking", "commercial_partner_id", string="Sessions", readonly=True)
    customer_activity_ids = fields.Many2many(
        "mail.message", string="Activity", compute="_compute_customer_activity_ids"
    )
    customer_invoice_partner_id = fields.Many2one(
        "res.partner",
        string="Invoice Address",
        compute="_compute_customer_invoice_partner_id",
        help="The accounts-payable contact: the invoice address of the customer's orders and statements.",
    )

    # ------------------------------------------------------------------
    # Computes (each reads every partner of the page at once)
    # ------------------------------------------------------------------

    def _compute_customer_open_balance(self):
        # ``credit`` is the receivable of the commercial partner, one query
        for partner in self:
            partner.customer_open_balance = partner.commercial_partner_id.credit

    def _compute_customer_recurring_count(self):
        counts = dict(
            self.env["recurring.order"]._read_group(
                [
                    ("commercial_partner_id", "in", self.commercial_partner_id.ids),
                    ("state", "in", RUNNING_RECURRING_STATES),
                ],
                ["commercial_partner_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.customer_recurring_count = counts.get(partner.commercial_partner_id, 0)

    def _compute_customer_last_order_date(self):
        last = dict(
            self.env["sale.order"]._read_group(
                [("partner_id.commercial_partner_id", "in", self.commercial_partner_id.ids), ("state", "=", "sale")],
                ["partner_id"],
                ["date_order:max"],
            )
        )
        by_commercial = defaultdict(lambda: False)
        for contact, date in last.items():
            current = by_commercial[contact.commercial_partner_id]
            by_commercial[contact.commercial_partner_id] = max(current, date) if current else date
        for partner in self:
            partner.customer_last_order_date = by_commercial[partner.commercial_partner_id]

    @api.depends_context("uid")
    def _compute_customer_expert_names(self):
        # experts read only themselves here: who else serves a client is the platform's
        manager = self.env.su or self.env.user.has_group(GROUP_MANAGER)
        for partner in self:
            experts = partner.commercial_partner_id.sudo().client_expert_ids
            if not manager:
                experts &= self.env.user
            partner.customer_expert_names = ", ".join(experts.mapped("name"))

    def _compute_customer_tabs(self):
        commercial_ids = self.commercial_partner_id.ids
        payments = self.env["account.payment"].search(
            [("partner_id.commercial_partner_id", "in", commercial_ids), ("partner_type", "=", "customer")]
        )
        orders = self.env["sale.order"].search(
            [("partner_id.commercial_partner_id", "in", commercial_ids), ("state", "!=", "cancel")]
        )
        for partner in self:
            commercial = partner.commercial_partner_id
            partner.customer_payment_ids = payments.filtered(
                lambda p, c=commercial: p.partner_id.commercial_partner_id == c
            )
            mine = orders.filtered(lambda o, c=commercial: o.partner_id.commercial_partner_id == c)
            partner.customer_quote_ids = mine.filtered(lambda o: o.state in ("draft", "sent"))
            partner.customer_order_ids = mine.filtered(lambda o: o.state == "sale")

    @api.depends_context("uid")
    def _compute_customer_activity_ids(self):
        # the tracked changes of the customer itself, newest first (one search)
        # sudo: tracking values are readable by administrators only; the
        # messages of a partner the caller reads are readable to it
        messages = (
            self.env["mail.message"]
            .sudo()
            .search(
                [("model", "=", "res.partner"), ("res_id", "in", self.ids), ("tracking_value_ids", "!=", False)],
                order="id desc",
            )
        )
        by_partner = defaultdict(list)
        for message in messages:
            by_partner[message.res_id].append(message.id)
        for partner in self:
            partner.customer_activity_ids = [fields.Command.set(by_partner[partner.id])]

    def _compute_customer_invoice_partner_id(self):
        for partner in self:
            commercial = partner.commercial_partner_id
            partner.customer_invoice_partner_id = (
                commercial.address_get(["invoice"])["invoice"] if commercial.id else False
            )

    # ------------------------------------------------------------------
    # Statuses
    # ------------------------------------------------------------------

    def _track_prepare(self, fields_iter):
        # only customers have an Activity tab: other contacts (users,
        # experts, addresses of non-customers) are written without tracking
        customers = self.filtered(lambda partner: partner.commercial_partner_id.customer_status)
        if not customers:
            return None
        return super(ResPartner, customers)._track_prepare(fields_iter)

    @api.model_create_multi
    def create(self, vals_list):
        # "created as a customer" (the Customers menu's New): Activated, now;
        # any other status is reached through the actions only
        for vals in vals_list:
            status = vals.get("customer_status", self.env.context.get("default_customer_status"))
            if not self.env.su and (
                status not in (None, False, "activated") or STATUS_FIELDS.difference({"customer_status"}) & set(vals)
            ):
                raise AccessError(_("A new customer is Activated: other statuses are set by their actions."))
            if status:
                vals.setdefault("customer_status_date", fields.Datetime.now())
                vals.setdefault("customer_status_user_id", self.env.uid)
        return super().create(vals_list)

    def write(self, vals):
        # the status (who, when, why) and the anonymization belong to their
        # actions, which write as superuser after checking the caller
        if not self.env.su and STATUS_FIELDS & set(vals):
            raise AccessError(
                _("A customer's status changes only through its actions (close, cancel, reactivate, anonymize).")
            )
        return super().write(vals)

    def _customer_check_manager(self):
        """Statuses and anonymization are the platform's: check the caller
        (public methods are RPC endpoints) before anything runs as sudo."""
        if any(not 0 < partner_id <= PG_MAX_ID for partner_id in self.ids):
            raise MissingError(_("This customer does not exist."))
        if not self.env.su and not self.env.user.has_group(GROUP_MANAGER):
            raise AccessError(_("Only a platform manager may change a customer's status or anonymize it."))
        if len(self.exists()) != len(self):
            raise MissingError(_("This customer does not exist."))
        self.check_access_rights("write")
        self.check_access_rule("write")

    @api.model
    def _customer_clean_reason(self, reason, required):
        if reason and not isinstance(reason, str):
            raise UserError(_("The reason must be plain text."))
        reason = (reason or "").strip()
        if "\x00" in reason:
            raise UserError(_("The reason must be plain text."))
        if required and not reason:
            raise UserError(_("Give a reason: it is kept with the customer's status."))
        if len(reason) > REASON_MAX_LENGTH:
            raise UserError(_("Keep the reason under %s characters.", REASON_MAX_LENGTH))
        return reason or False

    def _customer_status_label(self, status=None):
        return dict(self._fields["customer_status"]._description_selection(self.env)).get(
            status or self.customer_status, ""
        )

    def _customer_set_status(self, status, reason=False):
        """The one place a status changes: who (the caller), when and why."""
        partners = self.commercial_partner_id.filtered(lambda p: p.customer_status != status or reason)
        if partners:
            partners.sudo().write(
                {
                    "customer_status": status,
                    "customer_status_date": fields.Datetime.now(),
                    "customer_status_reason": reason or False,
                    "customer_status_user_id": self.env.uid,
                }
            )
        return partners

    def _customer_check_commercial(self):
        for partner in self:
            if partner.commercial_partner_id != partner:
                raise UserError(
                    _("%s is a contact of a customer: change the status of the customer itself.", partner.display_name)
                )
            if partner.anonymized_at:
                raise UserError(_("%s was anonymized: its status no longer changes.", partner.display_name))

    def _customer_running_recurring_orders(self):
        return (
            self.env["recurring.order"]
            .sudo()
            .search([("commercial_partner_id", "in", self.ids), ("state", "in", RUNNING_RECURRING_STATES)])
        )

    def action_customer_close(self, reason=None):
        """Close customers with no recurring order running or planned."""
        self._customer_check_manager()
        self._customer_check_commercial()
        reason = self._customer_clean_reason(reason, required=False)
        running = self._customer_running_recurring_orders()
        if running:
            raise UserError(
                _(
                    "%(customer)s still has running recurring orders (%(orders)s): complete them first.",
                    customer=running[0].commercial_partner_id.display_name,
                    orders=", ".join(running.mapped("name")),
                )
            )
        self._customer_set_status("closed", reason)
        return True

    def action_customer_cancel(self, reason=None):
        """Cancel customers (the platform's decision, with its reason): they
        no longer buy or book, and keep their invoices."""
        self._customer_check_manager()
        self._customer_check_commercial()
        reason = self._customer_clean_reason(reason, required=True)
        self._customer_set_status("cancelled", reason)
        return True

    def action_customer_reactivate(self, reason=None):
        self._customer_check_manager()
        self._customer_check_commercial()
        reason = self._customer_clean_reason(reason, required=False)
        for partner in self:
            if partner.customer_status == "activated":
                raise UserError(_("%s is already activated.", partner.display_name))
        self._customer_set_status("activated", reason)
        return True

    def action_open_customer_status_wizard(self):
        self._customer_check_manager()
        action = self.env["ir.actions.act_window"]._for_xml_id("customer_lifecycle.customer_status_wizard_action")
        action["context"] = {
            "default_partner_ids": self.ids,
            "default_action": self.env.context.get("customer_status_action", "close"),
        }
        return action

    def _customer_activate_on_purchase(self):
        """A purchase makes the buyer a customer, and a Closed one active
        again; a Cancelled or Terminated one stays so (a manager reactivates)."""
        commercial = self.commercial_partner_id.filtered(lambda p: p.customer_status in (False, "closed"))
        commercial.filtered(lambda p: not p.anonymized_at)._customer_set_status("activated")

    def _customer_terminate(self, reason):
        """Its last recurring order ended through resiliation."""
        commercial = self.commercial_partner_id
        running = commercial._customer_running_recurring_orders().commercial_partner_id
        (commercial - running)._customer_set_status("terminated", reason)

    @api.model
    def _customer_activate_buyers(self):
        """Commercial partners with a confirmed order and no status yet."""
        self.env.flush_all()
        self.env.cr.execute(
            """
            SELECT DISTINCT partner.commercial_partner_id
              FROM sale_order so
              JOIN res_partner partner ON partner.id = so.partner_id
             WHERE so.state = 'sale'
            """
        )
        ids = [row[0] for row in self.env.cr.fetchall() if row[0]]
        buyers = self.browse(ids).exists().filtered(lambda p: not p.customer_status)
        buyers.sudo()._customer_set_status("activated")

    def _customer_blocked_message(self):
        """Why this client may not check out or book now, or None."""
        commercial = self.commercial_partner_id
        if not commercial or commercial.customer_status not in BLOCKED_STATUSES:
            return None
        return _(
            "Your customer account is %(status)s: new orders and bookings are closed. Your invoices stay "
            "available in your account; contact us to reopen it.",
            status=commercial._customer_status_label().lower(),
        )

    @api.model
    def _cron_close_inactive_customers(self, batch_size=1000):
        """Activated customers without an order for the configured number of
        days and with no recurring order running are Closed."""
        days = int(self.env["ir.config_parameter"].sudo().get_param(ICP_CLOSE_DAYS, DEFAULT_CLOSE_DAYS) or 0)
        if days <= 0:
            return
        limit_date = fields.Datetime.now() - timedelta(days=days)
        self.env.flush_all()
        # FOR UPDATE SKIP LOCKED: two workers running the cron close each customer once
        self.env.cr.execute(
            """
            SELECT customer.id
              FROM res_partner customer
             WHERE customer.customer_status = 'activated'
               AND customer.customer_status_date < %(limit)s
               AND NOT EXISTS (
                   SELECT 1 FROM sale_order so JOIN res_partner contact ON contact.id = so.partner_id
                    WHERE contact.commercial_partner_id = customer.id AND so.state = 'sale'
                      AND so.date_order >= %(limit)s)
               AND NOT EXISTS (
                   SELECT 1 FROM recurring_order ro
                    WHERE ro.commercial_partner_id = customer.id AND ro.state IN %(running)s)
             ORDER BY customer.id
             LIMIT %(batch)s
               FOR UPDATE OF customer SKIP LOCKED
            """,
            {"limit": limit_date, "running": RUNNING_RECURRING_STATES, "batch": batch_size},
        )
        customers = self.browse([row[0] for row in self.env.cr.fetchall()])
        customers.sudo()._customer_set_status("closed", _("No order for %s days.", days))

    # ------------------------------------------------------------------
    # The Actions menu: each opens a form prefilled with the customer
    # ------------------------------------------------------------------

    def _customer_form_action(self, res_model, name, **defaults):
        """The form of a new ``res_model`` record for this customer (checked
        open first), with ``default_<field>`` values from ``defaults``."""
        self._customer_check_open()
        context = {"default_partner_id": self.id}
        context.update({f"default_{field}": value for field, value in defaults.items()})
        return {
            "type": "ir.actions.act_window",
            "res_model": res_model,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "name": name,
            "context": context,
        }

    def _customer_check_open(self):
        self.ensure_one()
        self.check_access_rights("read")
        self.check_access_rule("read")
        if self.anonymized_at:
            raise UserError(_("%s was anonymized: nothing new is made for it.", self.display_name))

    def action_customer_new_quote(self):
        return self._customer_form_action("sale.order", _("New Quotation"))

    def action_customer_new_order(self):
        return self._customer_form_action("sale.order", _("New Order"))

    def action_customer_new_recurring_order(self):
        """A recurring order starts with an order of a recurring package paid
        with a saved card (``sale.order._recurring_start``): the quotation
        opens with the customer, for a recurring package."""
        return self._customer_form_action("sale.order", _("New Recurring Order"))

    def action_customer_new_invoice(self):
        return self._customer_form_action("account.move", _("New Invoice"), move_type="out_invoice")

    def action_customer_new_credit_note(self):
        return self._customer_form_action("account.move", _("New Credit Note"), move_type="out_refund")

    # ------------------------------------------------------------------
    # Anonymization
    # ------------------------------------------------------------------

    def _customer_anonymize_blockers(self):
        """Why this customer cannot be anonymized now (a list of sentences)."""
        self.ensure_one()
        blockers = []
        if self.anonymized_at:
            blockers.append(_("%s is already anonymized.", self.display_name))
            return blockers
        if self.commercial_partner_id != self:
            blockers.append(
                _(
                    "Anonymize the customer itself (%s), not one of its contacts.",
                    self.commercial_partner_id.display_name,
                )
            )
            return blockers
        balance = self.sudo().credit
        if not float_is_zero(balance, precision_rounding=self.env.company.currency_id.rounding):
            blockers.append(
                _(
                    "It has an open balance of %s: it must be settled first.",
                    format_amount(self.env, balance, self.env.company.currency_id),
                )
            )
        running = self._customer_running_recurring_orders()
        if running:
            blockers.append(
                _("It has active recurring orders: %s. Complete them first.", ", ".join(running.mapped("name")))
            )
        contacts = self.sudo().with_context(active_test=False).search([("id", "child_of", self.id)])
        staff = contacts.user_ids.filtered(lambda user: not user.share)
        if staff:
            blockers.append(
                _("%s is a user of the platform's staff: remove its access first.", ", ".join(staff.mapped("name")))
            )
        return blockers

    def _customer_check_anonymizable(self):
        """A platform manager may anonymize this customer now, or a clear error."""
        self._customer_check_manager()
        self.ensure_one()
        blockers = self._customer_anonymize_blockers()
        if blockers:
            raise UserError(
                _("%(customer)s cannot be anonymized: %(why)s", customer=self.display_name, why=" ".join(blockers))
            )

    def action_customer_anonymize(self, confirmation=None):
        """Anonymize the customer, for good: the platform manager types the
        customer's name to confirm."""
        self._customer_check_anonymizable()
        if not isinstance(confirmation, str) or confirmation.strip() != (self.name or "").strip():
            raise UserError(_("Type the customer's name exactly as shown to confirm: anonymization cannot be undone."))
        self.sudo()._customer_anonymize()
        return True

    def action_customer_request_anonymization(self):
        """An expert asks the platform to anonymize its client: an activity
        for a platform manager, nothing is changed."""
        self.ensure_one()
        if not self.env.user.has_group("expert_base.group_expert"):
            raise AccessError(_("Only experts and platform managers may ask to anonymize a customer."))
        self.check_access_rights("read")
        self.check_access_rule("read")
        if self.anonymized_at:
            raise UserError(_("%s is already anonymized.", self.display_name))
        managers = self.env.ref(GROUP_MANAGER).sudo().users.filtered(lambda user: user.active and not user.share)
        managers = managers.filtered(lambda user: not user._is_superuser()) or managers
        if not managers:
            raise UserError(_("No platform manager can receive the request: contact the platform."))
        self.sudo().activity_schedule(
            "mail.mail_activity_data_todo",
            summary=_("Anonymize this customer"),
            note=_("%s asks to anonymize this customer.", self.env.user.name),
            user_id=managers.sorted("id")[0].id,
        )
        return True

    def action_open_customer_anonymize_wizard(self):
        self._customer_check_anonymizable()
        action = self.env["ir.actions.act_window"]._for_xml_id("customer_lifecycle.customer_anonymize_wizard_action")
        action["context"] = {"default_partner_id": self.id}
        return action

    @api.model
    def _customer_personal_fields(self):
        """The stored text fields of a contact that a person fills in."""
        return [
            name
            for name, field in self._fields.items()
            if field.store
            and field.type in ("char", "text", "html")
            and not field.compute
            and not field.related
            and not field.required
            and name not in ANONYMIZE_KEEP_FIELDS
            and name not in models.MAGIC_COLUMNS
        ]

    def _customer_anonymize(self):
        """Remove the person, keep the books (sudo: the caller was checked).

        The partner id stays: posted invoices, payments, journal items and
        their PDFs keep pointing at it, as accounting retention requires.
        """
        self.ensure_one()
        old_name, old_email = self.name or "", self.email or ""
        contacts = self.with_context(active_test=False).search([("id", "child_of", self.id)])
        children = contacts - self
        sessions = self.env["session.booking"].search([("commercial_partner_id", "=", self.id)])
        done = []

        if "client.goal" in self.env:
            goals = self.env["client.goal"].with_context(active_test=False).search([("partner_id", "in", contacts.ids)])
            done.append(_("%s client goals and their private notes erased", len(goals)))
            goals.unlink()

        # the partner's own chatter and its sessions' chatter (tracked old
        # names and emails included); invoice and order chatter stay
        # sudo: tracking values are readable by administrators only; the
        # messages of a partner the caller reads are readable to it
        # the sessions' meetings (archived ones too) were titled with the
        # client's name: retitled, their invitations' chatter erased
        events = sessions.with_context(active_test=False).calendar_event_id
        messages = (
            self.env["mail.message"]
            .sudo()
            .search(
                [
                    "|",
                    "|",
                    "&",
                    ("model", "=", "res.partner"),
                    ("res_id", "in", contacts.ids),
                    "&",
                    ("model", "=", "session.booking"),
                    ("res_id", "in", sessions.ids),
                    "&",
                    ("model", "=", "calendar.event"),
                    ("res_id", "in", events.ids),
                ]
            )
        )
        done.append(_("%s messages erased from the customer's and its sessions' chatter", len(messages)))
        messages.unlink()
        events.with_context(tracking_disable=True, mail_notrack=True).write(
            {"name": _("Session of anonymized customer #%s", self.id)}
        )
        done.append(_("%s session meetings retitled", len(events)))
        self.env["mail.activity"].search([("res_model", "=", "res.partner"), ("res_id", "in", contacts.ids)]).unlink()
        # what it wrote elsewhere stays, without its address
        self.env["mail.message"].search([("author_id", "in", contacts.ids)]).write(
            {"email_from": False, "reply_to": False}
        )
        self.env["mail.notification"].search([("res_partner_id", "in", contacts.ids)]).write(
            {"mail_email_address": False}
        )

        transactions = self.env["payment.transaction"].search([("partner_id", "in", contacts.ids)])
        transactions.write(
            {
                "partner_name": False,
                "partner_email": False,
                "partner_address": False,
                "partner_zip": False,
                "partner_city": False,
                "partner_phone": False,
                "partner_state_id": False,
                "partner_country_id": False,
            }
        )
        done.append(_("%s payment transactions cleared of name, email, address and phone", len(transactions)))
        tokens = self.env["payment.token"].search([("partner_id", "in", contacts.ids)])
        tokens.write({"active": False})
        done.append(_("%s saved cards deactivated", len(tokens)))

        users = contacts.with_context(active_test=False).user_ids
        for user in users:
            user.with_context(active_test=False).write(
                {"login": f"anonymized-{user.id}", "password": "", "signature": False, "active": False}
            )
        done.append(_("%s portal users archived", len(users)))

        banks = (
            self.env["res.partner.bank"].with_context(active_test=False).search([("partner_id", "in", contacts.ids)])
        )
        banks.write({"acc_holder_name": False, "active": False})

        blank = dict.fromkeys(self._customer_personal_fields(), False)
        quiet = contacts.with_context(tracking_disable=True, mail_notrack=True)
        for contact in quiet:
            name = (
                _("Anonymized customer #%s", contact.id) if contact == self else _("Anonymized contact #%s", contact.id)
            )
            contact.write(
                {
                    **blank,
                    "name": name,
                    "image_1920": False,
                    "category_id": [fields.Command.clear()],
                    "customer_properties": False,
                    "title": False,
                    "state_id": False,
                    "country_id": False,
                    "user_id": False,
                }
            )
        now = fields.Datetime.now()
        status = {"anonymized_at": now}
        if self.customer_status == "activated":
            status.update(
                customer_status="closed",
                customer_status_date=now,
                customer_status_reason=_("Anonymized."),
                customer_status_user_id=self.env.uid,
            )
        self.with_context(tracking_disable=True).write(status)
        done.append(_("name, contact fields, image, notes, tags and contacts' personal data cleared"))

        self.env["privacy.log"].create(
            {
                "anonymized_name": old_name,
                # privacy.log masks an email address and needs one
                "anonymized_email": old_email if "@" in old_email else "unknown@unknown",
                "execution_details": "\n".join(done),
                "records_description": _(
                    "Customer #%(id)s and its %(count)s contacts", id=self.id, count=len(children)
                ),
                "additional_note": _("Posted invoices, payments, journal items and invoice PDFs are kept."),
            }
        )
        self.with_user(self.env.uid).sudo().message_post(
            body=_("Customer anonymized by %s. Invoices, payments and their PDFs are kept.", self.env.user.name),
            subtype_xmlid="mail.mt_note",
        )
