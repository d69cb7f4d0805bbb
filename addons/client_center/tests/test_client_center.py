from datetime import datetime, timedelta

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import MissingError, UserError, ValidationError
from odoo.tests import Form
from odoo.tools import mute_logger

from odoo.addons.session_booking_penalty.tests.common import NOW

from .common import ClientCenterCommon


class TestClientCenter(ClientCenterCommon):
    def test_default_center(self):
        self.assertEqual(self.center.slug, "main")
        self.assertEqual(self.center.website_url, "/client-center/main")
        self.assertFalse(self.center.allow_sale_order_creation)
        keys = [panel["key"] for panel in self.center._get_sorted_panels()]
        self.assertEqual(keys, ["home", "payments", "orders", "invoices", "sessions"])

    def test_panel_toggles(self):
        self.center.write({"show_payments": False, "allow_sale_order_creation": True})
        keys = [panel["key"] for panel in self.center._get_sorted_panels()]
        self.assertEqual(keys, ["home", "orders", "new_order", "invoices", "sessions"])
        for panel in self.center._get_panels():
            self.assertEqual(set(panel), {"key", "name", "url", "icon", "sequence"})

    def test_slug_is_validated_and_unique(self):
        with self.assertRaises(ValidationError):
            self.env["client.center"].create({"name": "Bad", "slug": "Not A Slug"})
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            self.env["client.center"].create({"name": "Twin", "slug": "main"})

    def test_home_counters(self):
        self._create_order(self.product_a)  # confirmed, not a package: not open
        quotation = self._create_order(self.product_a, confirm=False)
        quotation.action_quotation_sent()
        invoice = self._invoice_order(self._create_order(self.product_b))
        counters = self.center._get_home_counters(self.client_partner)
        self.assertEqual(counters["payments"]["value"], invoice.amount_residual)
        self.assertEqual(counters["orders"]["value"], 1)
        self.assertEqual(counters["sessions"]["value"], 0)
        self.assertEqual(set(counters["orders"]), {"name", "value", "url"})

    def test_conversations_button(self):
        before = self.center.chat_channel_count  # the demo may hold some
        self.center._chat_post(self.client_partner, "Hello")
        self.center.invalidate_recordset(["chat_channel_count"])
        self.assertEqual(self.center.chat_channel_count, before + 1)
        action = self.center.action_open_chat_channels()
        channels = self.env["discuss.channel"].search(action["domain"])
        self.assertIn(self.client_partner, channels.client_center_partner_id)
        self.assertEqual(channels.client_center_id, self.center)

    def test_columns_chosen_per_user(self):
        offered = self.center._get_panel_columns("payments")
        defaults = offered.filtered("default_shown")
        self.assertEqual(self.center._get_shown_columns("payments", self.client_user), defaults)
        ref = offered.filtered(lambda column: column.field_name == "ref")
        self.center._set_shown_columns("payments", self.client_user, ref.ids)
        self.assertEqual(self.center._get_shown_columns("payments", self.client_user), ref)
        # another user keeps the defaults; an empty choice is remembered too
        self.assertEqual(self.center._get_shown_columns("payments", self.other_user), defaults)
        self.center._set_shown_columns("payments", self.client_user, [])
        self.assertFalse(self.center._get_shown_columns("payments", self.client_user))
        # a column of another panel is refused and nothing changes
        orders_column = self.center._get_panel_columns("orders")[:1]
        with self.assertRaises(ValidationError):
            self.center._set_shown_columns("payments", self.client_user, orders_column.ids)
        self.assertFalse(self.center._get_shown_columns("payments", self.client_user))

    def test_column_fields_are_whitelisted(self):
        with self.assertRaises(ValidationError):
            self.env["client.center.column"].create(
                {"center_id": self.center.id, "panel": "payments", "field_name": "access_token", "label": "Token"}
            )
        column = self.center._get_panel_columns("payments").filtered(lambda c: c.field_name == "amount_total")
        invoice = self._due_invoice(40.0)
        self.assertIn("40.00", column._format_value(invoice))

    def test_invoices_to_pay(self):
        first = self._due_invoice(40.0, days_overdue=10)
        second = self._due_invoice(60.0, days_overdue=2)
        foreign = self._due_invoice(70.0, partner=self.other_partner)
        draft = self._due_invoice(10.0, post=False)
        self.assertEqual(self.env["account.move"]._get_client_due_invoices(self.client_partner), first | second)
        self.assertEqual(self.env["account.move"]._get_client_due_invoices(self.client_partner, [second.id]), second)
        for ids in ([foreign.id], [first.id, foreign.id], [draft.id], [], [999999]):
            with self.assertRaises(MissingError):
                self.env["account.move"]._get_client_due_invoices(self.client_partner, ids)
        self.env["account.payment.register"].with_context(active_model="account.move", active_ids=second.ids).create(
            {}
        )._create_payments()
        with self.assertRaises(UserError):
            self.env["account.move"]._get_client_due_invoices(self.client_partner, [first.id, second.id])
        self.assertEqual(self.env["account.move"]._get_client_due_invoices(self.client_partner), first)
        eur = self.env.ref("base.EUR")
        eur.active = True
        euro_invoice = self._due_invoice(15.0, post=False)
        euro_invoice.currency_id = eur
        euro_invoice.action_post()
        with self.assertRaises(UserError):
            self.env["account.move"]._get_client_due_invoices(self.client_partner)

    def test_nothing_to_pay(self):
        with self.assertRaises(UserError):
            self.env["account.move"]._get_client_due_invoices(self.client_partner)

    def test_statement_aging(self):
        self._due_invoice(10.0, days_overdue=-5)
        self._due_invoice(20.0, days_overdue=12)
        self._due_invoice(30.0, days_overdue=45)
        self._due_invoice(40.0, days_overdue=75)
        self._due_invoice(50.0, days_overdue=120)
        self._due_invoice(99.0, days_overdue=120, partner=self.other_partner)
        values = self.env["report.client_center.report_statement"]._get_statement_values(
            self.center, self.client_partner, today=self.today
        )
        self.assertEqual(
            values["totals"], {"current": 10.0, "1_30": 20.0, "31_60": 30.0, "61_90": 40.0, "90_plus": 50.0}
        )
        self.assertEqual(values["total"], 150.0)
        self.assertEqual([line["days_overdue"] for line in values["lines"]], [120, 75, 45, 12, 0])

    def test_cancel_quotation_only(self):
        quotation = self._create_order(self.package, confirm=False)
        quotation.action_quotation_sent()
        quotation._client_center_cancel()
        self.assertEqual(quotation.state, "cancel")
        with self.assertRaises(UserError):
            quotation._client_center_cancel()
        order = self._create_order(self.package)
        with self.assertRaises(UserError):
            order._client_center_cancel()
        self.assertEqual(order.state, "sale")

    def test_reorder_packages_never_penalties(self):
        self.package.website_published = True
        self.product_a.website_published = True
        order = self.env["sale.order"].create(
            {
                "partner_id": self.client_partner.id,
                "order_line": [
                    Command.create({"product_id": self.package.id, "product_uom_qty": 1}),
                    Command.create({"product_id": self.product_a.id, "product_uom_qty": 1}),
                    Command.create({"product_id": self.penalty_product.id, "product_uom_qty": 1}),
                ],
            }
        )
        order.action_confirm()
        self.assertEqual(order._client_center_reorder_lines().product_id, self.package)
        cart = self.env["sale.order"].create({"partner_id": self.client_partner.id})
        self.assertEqual(order._client_center_reorder(cart), 1)
        self.assertEqual(cart.order_line.product_id, self.package)
        plain = self._create_order(self.product_a)
        with self.assertRaises(UserError):
            plain._client_center_reorder(cart)

    def test_client_quotation(self):
        with self.assertRaises(UserError):
            self.env["sale.order"]._create_client_center_quotation(
                self.center, self.client_partner, {self.package.id: 1}
            )
        self.center.write({"allow_sale_order_creation": True, "product_ids": [Command.set(self.package.ids)]})
        for quantities in ({self.package.id: 0}, {self.product_b.id: 1}, {self.package.id: 5000}):
            with self.assertRaises(UserError):
                self.env["sale.order"]._create_client_center_quotation(self.center, self.client_partner, quantities)
        order = self.env["sale.order"]._create_client_center_quotation(
            self.center, self.client_partner, {self.package.id: 2}
        )
        self.assertEqual(order.state, "sent")
        self.assertEqual(order.partner_id, self.client_partner)
        self.assertEqual(order.order_line.product_uom_qty, 2)

    def test_chat(self):
        message = self.center._chat_post(self.client_partner, "Line one\nLine two <b>not bold</b>")
        channel = self.center._get_chat_channel(self.client_partner)
        self.assertEqual(message.res_id, channel.id)
        self.assertEqual(channel.channel_type, "group")
        self.assertIn(self.support_user.partner_id, channel.channel_member_ids.partner_id)
        self.center._chat_post(self.client_partner, "Again")
        channels = self.env["discuss.channel"].search(
            [("client_center_id", "=", self.center.id), ("client_center_partner_id", "=", self.client_partner.id)]
        )
        self.assertEqual(channels, channel)
        channel.with_user(self.support_user).message_post(
            body="Answer", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        messages = self.center._chat_messages(self.client_partner)
        self.assertEqual([m["is_mine"] for m in messages], [True, True, False])
        self.assertIn("<b>not bold</b>", messages[0]["body"])
        self.assertEqual(messages[2]["author"], "Support Agent")
        for body in ("", "   ", "x" * 4001):
            with self.assertRaises(UserError):
                self.center._chat_post(self.client_partner, body)
        self.center.show_chat = False
        with self.assertRaises(UserError):
            self.center._chat_post(self.client_partner, "Hello?")

    # ------------------------------------------------------------------
    # Settings (issue 14.12)
    # ------------------------------------------------------------------

    def test_new_center_gets_default_columns_and_support_team(self):
        center = self.env["client.center"].create({"name": "Brand", "slug": "brand"})
        self.assertEqual(
            [
                (c.panel, c.field_name, c.label, c.default_shown)
                for c in center.column_ids.sorted(lambda c: (c.panel, c.sequence))
            ],
            [
                (c.panel, c.field_name, c.label, c.default_shown)
                for c in self.center.column_ids.sorted(lambda c: (c.panel, c.sequence))
            ],
        )
        self.assertTrue(center.column_ids)
        self.assertEqual(center.support_user_ids, self.center.support_user_ids)
        self.assertEqual(center.support_user_ids, self.support_user)
        # given columns are kept as they are
        center = self.env["client.center"].create(
            {
                "name": "Bare",
                "slug": "bare",
                "column_ids": [Command.create({"panel": "orders", "field_name": "user_id"})],
            }
        )
        self.assertEqual(center.column_ids.mapped("field_name"), ["user_id"])

    def test_column_field_is_picked_from_a_list_with_labels(self):
        column = self.center._get_panel_columns("payments").filtered(lambda c: c.field_name == "ref")
        self.assertEqual(column.field_id.name, "ref")
        self.assertEqual(column.field_id.model, "account.move")
        allowed = column.allowed_field_ids
        self.assertEqual(
            set(allowed.mapped("name")),
            {"invoice_date", "invoice_origin", "ref", "amount_total", "payment_state"},
        )
        # the list shows the fields' labels, not technical names
        labels = allowed.with_context(hide_model=True).mapped("display_name")
        self.assertIn(self.env["account.move"]._fields["invoice_origin"].string, labels)
        self.assertNotIn("invoice_origin", labels)
        # picking a field from the list sets the column and its label
        with Form(self.center) as form, form.column_ids.new() as line:
            line.panel = "orders"
            line.field_id = self.env["ir.model.fields"]._get("sale.order", "amount_untaxed")
            self.assertEqual(line.label, self.env["sale.order"]._fields["amount_untaxed"].string)
        added = self.center._get_panel_columns("orders").filtered(lambda c: c.field_name == "amount_untaxed")
        self.assertEqual(added.label, self.env["sale.order"]._fields["amount_untaxed"].string)
        with Form(self.center) as form, form.column_ids.new() as line:
            line.panel = "invoices"
            self.assertEqual(
                {field.name for field in line.allowed_field_ids},
                {"invoice_date_due", "invoice_origin", "ref", "amount_untaxed", "amount_residual"},
            )

    # ------------------------------------------------------------------
    # What a client reads (issues 14.5, 15.3, 15.5)
    # ------------------------------------------------------------------

    def test_credit_note_is_a_credit_never_to_pay(self):
        invoice = self._due_invoice(17.25, days_overdue=-5)
        self.assertEqual(invoice._client_center_status(self.today), ("To pay", "text-bg-info"))
        refund = invoice._reverse_moves(cancel=True)
        self.assertEqual(refund.move_type, "out_refund")
        # reconciled with the invoice it reverses: used
        self.assertEqual(refund._client_center_status(self.today)[0], "Credited")
        credit = self.env["account.move"].create(
            {
                "move_type": "out_refund",
                "partner_id": self.client_partner.id,
                "invoice_line_ids": [
                    Command.create({"product_id": self.product_a.id, "price_unit": 17.25, "tax_ids": [Command.clear()]})
                ],
            }
        )
        credit.action_post()
        self.assertEqual(credit._client_center_status(self.today)[0], "Credit")
        self.assertEqual(credit.amount_total, 17.25)
        self.assertNotIn(
            credit,
            self.env["account.move"].search(self.env["account.move"]._prepare_due_invoices_domain(self.client_partner)),
        )

    def test_home_counters_are_computed_when_asked(self):
        counters = self.center._get_home_counters(self.client_partner, keys={"payments"})
        self.assertEqual(set(counters), {"payments"})
        self.env.invalidate_all()
        self.center._get_home_counters(self.client_partner, keys={"orders"})
        with self.assertQueryCount(1):
            self.center._get_home_counters(self.client_partner, keys={"orders"})

    def test_sessions_upcoming_past_cancelled_apart(self):
        Session = self.env["session.booking"]
        future = self._booked()
        with freeze_time(NOW):
            cancelled_future = future.sale_line_id._session_book(self.tuesday_9 + timedelta(days=1))
            cancelled_future.action_cancel()
        past = self._booked(start=self.tuesday_9 + timedelta(hours=5))
        with freeze_time(NOW + timedelta(days=3)):
            periods = {
                period: Session.search(Session._prepare_client_sessions_domain(self.client_partner, period))
                for period in ("upcoming", "past", "cancelled")
            }
        self.assertEqual(periods["cancelled"], cancelled_future)
        self.assertNotIn(cancelled_future, periods["past"])
        self.assertEqual(periods["past"], future | past)
        self.assertFalse(periods["upcoming"])
        with freeze_time(NOW):
            self.assertEqual(
                Session.search(Session._prepare_client_sessions_domain(self.client_partner, "upcoming")), future | past
            )

    def test_times_in_the_readers_zone_named_without_seconds(self):
        self.client_partner.tz = "Europe/London"
        # winter: London is UTC; summer: UTC+1 (daylight saving time)
        winter = self.center._format_datetime(datetime(2026, 12, 1, 11, 0, 30), self.client_partner)
        summer = self.center._format_datetime(datetime(2026, 7, 1, 11, 0), self.client_partner)
        self.assertEqual(winter, "Tue 1 Dec 2026, 11:00 (Europe/London)")
        self.assertEqual(summer, "Wed 1 Jul 2026, 12:00 (Europe/London)")
        self.client_partner.tz = False
        self.assertIn("(UTC)", self.center._format_datetime(datetime(2026, 12, 1, 11, 0), self.client_partner))

    def test_statement_printed_by_an_expert_lists_its_own_invoices(self):
        own = self._invoice_order(self._create_order(self.product_a))
        other = self._invoice_order(self._create_order(self.product_b))
        Report = self.env["report.client_center.report_statement"]
        values = Report.with_user(self.expert_a)._get_statement_values(self.center, self.client_partner)
        self.assertEqual([line["invoice"] for line in values["lines"]], [own])
        values = Report._get_statement_values(self.center, self.client_partner)
        self.assertEqual({line["invoice"] for line in values["lines"]}, {own, other})
