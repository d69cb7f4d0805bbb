from datetime import datetime

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged

from .common import CustomerLifecycleCommon


@tagged("post_install", "-at_install")
class TestAnonymize(CustomerLifecycleCommon):
    """What anonymization clears, what it keeps, and when it is refused."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.old_name, cls.old_email = "Jolanda Quistgaard", "jolanda.quistgaard@example.org"
        cls.gone = Partner.create(
            {
                "name": cls.old_name,
                "email": cls.old_email,
                "phone": "+32 470 11 22 33",
                "street": "Rue Haute 7",
                "city": "Brussels",
                "zip": "1000",
                "comment": f"<p>{cls.old_name} prefers mornings</p>",
                "category_id": [Command.create({"name": "VIP"})],
            }
        )
        cls.contact = Partner.create(
            {
                "name": "Jolanda's Accountant",
                "parent_id": cls.gone.id,
                "type": "invoice",
                "email": "accounts.quistgaard@example.org",
            }
        )
        cls.gone_user = new_test_user(
            cls.env, login=cls.old_email, groups="base.group_portal", partner_id=cls.gone.id, name=cls.old_name
        )
        cls.gone_token = cls._create_token(cls.gone, "pm_card_gone", "4444")
        # a paid order and invoice (kept), paid online with a transaction (cleared)
        cls.gone_order = cls._create_order(cls.product_a, partner=cls.gone)
        cls.gone_invoice = cls._invoice_order(cls.gone_order)
        cls.gone_tx = cls.env["payment.transaction"].create(
            {
                "provider_id": cls.stripe_provider.id,
                "payment_method_id": cls.card_method.id,
                "reference": f"{cls.gone_order.name}-paid",
                "amount": cls.gone_invoice.amount_total,
                "currency_id": cls.gone_invoice.currency_id.id,
                "partner_id": cls.gone.id,
                "token_id": cls.gone_token.id,
                "invoice_ids": [Command.set(cls.gone_invoice.ids)],
                "state": "done",
            }
        )
        cls.gone_tx._create_payment()
        cls.gone.message_post(body=f"Called {cls.old_name}", author_id=cls.gone.id, email_from=cls.old_email)
        cls.gone_invoice.message_post(body="Invoice sent", author_id=cls.gone.id, email_from=cls.old_email)
        cls.gone.write({"phone": "+32 470 99 99 99"})  # a tracked change in its chatter

    def _anonymize(self, user=None, confirmation=None):
        partner = self.gone.with_user(user or self.manager)
        return partner.action_customer_anonymize(self.old_name if confirmation is None else confirmation)

    def _text_values(self, table, where, params):
        """Every text and varchar (and json) value of the rows of ``table``."""
        self.env.flush_all()
        self.env.cr.execute(
            """
            SELECT column_name FROM information_schema.columns
             WHERE table_name = %s AND data_type IN ('character varying', 'text', 'jsonb')
            """,
            [table],
        )
        columns = [row[0] for row in self.env.cr.fetchall()]
        self.assertTrue(columns)
        select = ", ".join(f'"{column}"::text' for column in columns)
        self.env.cr.execute(f"SELECT {select} FROM {table} WHERE {where}", params)  # noqa: S608
        return [value for row in self.env.cr.fetchall() for value in row if value]

    def _assert_forgotten(self, table, where, params):
        for value in self._text_values(table, where, params):
            for secret in (self.old_name, self.old_email, "Quistgaard", "quistgaard"):
                self.assertNotIn(secret, value, f"{table}: {value}")

    def test_anonymize_clears_and_keeps(self):
        partner_id = self.gone.id
        invoice_message = self.gone_invoice.message_ids.filtered(lambda m: m.body and "Invoice sent" in m.body)
        self.assertTrue(invoice_message)
        self.assertEqual(self.gone.credit, 0.0)
        wizard = Form(
            self.env["customer.anonymize.wizard"].with_user(self.manager).with_context(default_partner_id=partner_id)
        )
        wizard.confirmation = self.old_name
        wizard.save().action_confirm()

        gone = self.gone
        self.assertEqual(gone.id, partner_id)
        self.assertEqual(gone.name, f"Anonymized customer #{partner_id}")
        self.assertTrue(gone.anonymized_at)
        self.assertFalse(gone.email or gone.phone or gone.street or gone.city or gone.zip or gone.comment)
        self.assertFalse(gone.category_id)
        self.assertEqual(self.contact.name, f"Anonymized contact #{self.contact.id}")
        self.assertFalse(self.contact.email)
        # the portal user: archived, login masked
        self.assertFalse(self.gone_user.active)
        self.assertNotIn("quistgaard", self.gone_user.login)
        self.assertFalse(self.gone_token.active)
        # the books are kept
        self.assertEqual(self.gone_invoice.state, "posted")
        self.assertEqual(self.gone_invoice.commercial_partner_id, gone)
        self.assertTrue(self.gone_tx.payment_id.exists())
        self.assertTrue(invoice_message.exists(), "invoice chatter is kept")
        self.assertFalse(invoice_message.email_from)
        # its own chatter: only the anonymization note
        self.assertEqual(len(gone.message_ids), 1)
        self.assertIn("anonymized", gone.message_ids.body)
        log = self.env["privacy.log"].sudo().search([], order="id desc", limit=1)
        self.assertEqual(log.user_id, self.manager)
        self.assertNotIn("Quistgaard", log.anonymized_name)

        partners = (gone | self.contact).ids
        self._assert_forgotten("res_partner", "id IN %s", [tuple(partners)])
        self._assert_forgotten("payment_transaction", "partner_id IN %s", [tuple(partners)])
        self._assert_forgotten("payment_token", "partner_id IN %s", [tuple(partners)])
        self._assert_forgotten("res_users", "partner_id IN %s", [tuple(partners)])
        self._assert_forgotten("mail_message", "author_id IN %s", [tuple(partners)])
        self._assert_forgotten("mail_message", "model = 'res.partner' AND res_id IN %s", [tuple(partners)])
        self._assert_forgotten(
            "mail_tracking_value",
            "mail_message_id IN (SELECT id FROM mail_message WHERE model = 'res.partner' AND res_id IN %s)",
            [tuple(partners)],
        )

    def test_anonymize_retitles_the_sessions_meetings(self):
        """A session's meeting is titled with the client's name (and its
        attendee row copies it): neither keeps it."""
        hours = self.env["resource.calendar"]._session_create_weekly("Gone hours", "UTC", hours=((9, 17),))
        package = self._create_expert_product(
            self.expert_a,
            "Gone sessions",
            100.0,
            is_session_package=True,
            session_count=2,
            session_duration=1.0,
            session_notice_hours=1,
            session_availability_id=hours.id,
            session_booking_horizon_days=3650,
        )
        order = self._create_order(package, partner=self.gone)
        invoice = self._invoice_order(order)
        self.env["account.payment.register"].with_context(active_model="account.move", active_ids=invoice.ids).create(
            {}
        )._create_payments()
        # the first proposed time of a Monday years ahead
        line = order.order_line
        slots = line._session_get_free_slots(datetime(2031, 1, 6), datetime(2031, 1, 7))
        self.assertTrue(slots)
        booking = line._session_book(slots[0])
        event = booking.calendar_event_id
        self.assertIn(self.old_name, event.name)
        self._anonymize()
        self.assertEqual(event.name, f"Session of anonymized customer #{self.gone.id}")
        self._assert_forgotten("calendar_event", "id = %s", [event.id])
        self._assert_forgotten("calendar_attendee", "event_id = %s", [event.id])
        self._assert_forgotten("mail_message", "model = 'calendar.event' AND res_id = %s", [event.id])

    def test_anonymize_twice_refused(self):
        self._anonymize()
        with self.assertRaisesRegex(UserError, "already anonymized"):
            self.gone.with_user(self.manager).action_customer_anonymize(self.gone.name)

    def test_wrong_confirmation_refused(self):
        for confirmation in ("", "jolanda", None, 42):
            with self.assertRaises(UserError):
                self.gone.with_user(self.manager).action_customer_anonymize(confirmation)
        self.assertEqual(self.gone.name, self.old_name)
        self.assertTrue(self.gone_user.active)

    def test_open_balance_refused(self):
        self._invoice_order(self._create_order(self.product_a, partner=self.gone))
        with self.assertRaisesRegex(UserError, "open balance"):
            self._anonymize()
        self.assertEqual(self.gone.name, self.old_name)
        self.assertFalse(self.gone.anonymized_at)

    def test_active_recurring_order_refused(self):
        recurring = self._start(partner=self.gone, token=self.gone_token)
        with self.assertRaisesRegex(UserError, recurring.name):
            self._anonymize()
        self.assertEqual(self.gone.email, self.old_email)

    def test_expert_cannot_anonymize_but_may_request(self):
        self.gone.sudo()._link_client_experts(self.expert_a)
        with self.assertRaises(AccessError):
            self._anonymize(user=self.expert_a)
        with self.assertRaises(AccessError):
            self.gone.with_user(self.expert_a).action_open_customer_anonymize_wizard()
        self.assertEqual(self.gone.name, self.old_name)
        self.gone.with_user(self.expert_a).action_customer_request_anonymization()
        activity = self.gone.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertTrue(activity.user_id.has_group("expert_base.group_platform_manager"))
        self.assertIn(self.expert_a.name, str(activity.note))
        self.assertEqual(self.gone.name, self.old_name)

    def test_expert_cannot_request_for_another_experts_client(self):
        self.gone.sudo()._link_client_experts(self.expert_a)
        with self.assertRaises(AccessError):
            self.gone.with_user(self.expert_b).action_customer_request_anonymization()
        self.assertFalse(self.gone.activity_ids)

    def test_anonymized_status_stays(self):
        self._anonymize()
        for method, args in (("action_customer_reactivate", ()), ("action_customer_cancel", ("x",))):
            with self.assertRaisesRegex(UserError, "anonymized"):
                getattr(self.gone.with_user(self.manager), method)(*args)
        with self.assertRaisesRegex(UserError, "anonymized"):
            self.gone.with_user(self.manager).action_customer_new_invoice()
