from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import ExpertPlatformCommon


@tagged("post_install", "-at_install")
class TestPartnerConfidentiality(ExpertPlatformCommon):
    """Issue 13.10: an expert reads its own clients (with their contacts),
    its colleagues and the companies, never another expert's clients."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        # client_a buys from expert A
        cls.client_a_address = Partner.create(
            {"name": "Client A invoicing", "type": "invoice", "parent_id": cls.client_partner.id}
        )
        cls.order_a = cls._create_order(cls.product_a)
        # B's client only: a company, its contact and its delivery address
        cls.company_b = Partner.create({"name": "Bob Corp", "is_company": True, "email": "bob@corp.example.com"})
        cls.client_b = Partner.create(
            {"name": "Bob Client", "parent_id": cls.company_b.id, "email": "bob@example.com", "phone": "+1 555 0100"}
        )
        cls.client_b_delivery = Partner.create(
            {"name": "Bob delivery", "type": "delivery", "parent_id": cls.company_b.id, "street": "1 Secret Road"}
        )
        cls.order_b = cls._create_order(cls.product_b, partner=cls.client_b)
        # a client of both
        cls.shared = Partner.create({"name": "Shared Client", "email": "shared@example.com"})
        cls.shared_order_a = cls._create_order(cls.product_a, partner=cls.shared)
        cls.shared_order_b = cls._create_order(cls.product_b, partner=cls.shared)
        # nobody's client yet
        cls.stranger = Partner.create({"name": "Stranger"})

    def _partners(self, user, domain=None):
        return self.env["res.partner"].with_user(user).with_context(active_test=False).search(domain or [])

    def test_expert_reads_own_clients_colleagues_and_company(self):
        visible = self._partners(self.expert_a)
        for partner in (
            self.client_partner,
            self.client_a_address,
            self.shared,
            self.expert_a.partner_id,
            self.expert_b.partner_id,
            self.platform_manager.partner_id,
            self.company.partner_id,
            self.env.ref("base.partner_root"),
        ):
            self.assertIn(partner, visible, partner.name)
        for partner in (self.company_b, self.client_b, self.client_b_delivery, self.stranger):
            self.assertNotIn(partner, visible, partner.name)

    def test_other_experts_client_is_closed_over_every_path(self):
        Partner = self.env["res.partner"].with_user(self.expert_a)
        for partner in (self.company_b, self.client_b, self.client_b_delivery):
            with self.assertRaises(AccessError):
                partner.with_user(self.expert_a).read(["name", "email", "phone", "street"])
            with self.assertRaises(AccessError):
                partner.with_user(self.expert_a).write({"name": "mine"})
        self.assertFalse(Partner.name_search("Bob"))
        self.assertFalse(Partner.search([("email", "ilike", "bob")]))
        self.assertFalse(Partner.search_count([("id", "=", self.client_b.id)]))
        groups = Partner.read_group([("name", "ilike", "bob")], ["email"], ["email"])
        self.assertFalse(groups)
        # portal users of other experts' clients are closed too (res.users inherits the rule)
        bob_user = self.env["res.users"].create(
            {
                "name": "Bob Client",
                "login": "bob_portal",
                "partner_id": self.client_b.id,
                "groups_id": [Command.set(self.env.ref("base.group_portal").ids)],
            }
        )
        with self.assertRaises(AccessError):
            bob_user.with_user(self.expert_a).read(["login"])
        self.assertNotIn(bob_user, self.env["res.users"].with_user(self.expert_a).search([]))
        self.assertEqual(self.company_b.name, "Bob Corp")

    def test_new_contact_of_a_client_is_read_by_its_experts(self):
        """A contact added to a client company later is the same experts'
        client; moved to another company, it stays readable by them."""
        assistant = self.env["res.partner"].create({"name": "Bob's assistant", "parent_id": self.company_b.id})
        self.assertIn(assistant, self._partners(self.expert_b))
        self.assertNotIn(assistant, self._partners(self.expert_a))
        stranger_contact = self.env["res.partner"].create(
            {"name": "Contact of a stranger", "parent_id": self.stranger.id}
        )
        self.assertNotIn(stranger_contact, self._partners(self.expert_b))
        stranger_contact.parent_id = self.company_b
        self.assertIn(stranger_contact, self._partners(self.expert_b))

    def test_expert_b_reads_its_client(self):
        visible = self._partners(self.expert_b)
        self.assertIn(self.client_b, visible)
        self.assertIn(self.client_b_delivery, visible)
        self.assertIn(self.shared, visible)
        self.assertNotIn(self.client_partner, visible)
        self.assertEqual(self.client_b.with_user(self.expert_b).read(["email"])[0]["email"], "bob@example.com")

    def test_shared_client_read_by_both_each_its_own_business(self):
        for expert, own, other in (
            (self.expert_a, self.shared_order_a, self.shared_order_b),
            (self.expert_b, self.shared_order_b, self.shared_order_a),
        ):
            self.assertEqual(self.shared.with_user(expert).read(["email"])[0]["email"], "shared@example.com")
            orders = self.env["sale.order"].with_user(expert).search([("partner_id", "=", self.shared.id)])
            self.assertEqual(orders, own)
            self.assertNotIn(other, orders)

    def test_platform_manager_and_portal_unchanged(self):
        self.assertIn(self.client_b, self._partners(self.platform_manager))
        self.assertIn(self.stranger, self._partners(self.platform_manager))
        # a client reads its own partner as before
        self.assertEqual(self.client_partner.with_user(self.client_user).read(["name"])[0]["name"], "Client A")

    def test_expert_creates_and_keeps_its_own_contacts(self):
        contact = self.env["res.partner"].with_user(self.expert_a).create({"name": "Walk-in client"})
        contact.with_user(self.expert_a).write({"phone": "+44 20 0000"})
        child = (
            self.env["res.partner"]
            .with_user(self.expert_a)
            .create({"name": "Walk-in assistant", "parent_id": contact.id})
        )
        self.assertIn(child, self._partners(self.expert_a))
        self.assertNotIn(contact, self._partners(self.expert_b))
        # it deletes what it created, never its clients
        child.with_user(self.expert_a).unlink()
        self.assertFalse(child.exists())
        with self.assertRaises(AccessError):
            self.client_a_address.with_user(self.expert_a).unlink()

    def test_expert_cannot_name_a_partner_it_cannot_read(self):
        """Naming another expert's client on a record would show its name and
        address through it (display names are read as superuser) or make it
        the expert's client: refused, whatever the record."""
        Partner = self.env["res.partner"].with_user(self.expert_a)
        with self.assertRaises(AccessError):
            Partner.create({"name": "Bob's assistant", "parent_id": self.company_b.id})
        with self.assertRaises(AccessError):
            Partner.create({"name": "Team", "child_ids": [Command.link(self.client_b.id)]})
        own = Partner.create({"name": "Mine"})
        with self.assertRaises(AccessError):
            own.write({"parent_id": self.company_b.id})
        Order = self.env["sale.order"].with_user(self.expert_a)
        with self.assertRaises(AccessError):
            Order.create({"partner_id": self.client_b.id})
        with self.assertRaises(AccessError):
            self.order_a.with_user(self.expert_a).write({"partner_shipping_id": self.client_b_delivery.id})
        for bad_id in (2**31, 2**63, -1):
            with self.assertRaises(AccessError):
                Order.create({"partner_id": bad_id})
        self.assertNotIn(self.client_b, self._partners(self.expert_a), "nothing made Bob a client of A")
        self.assertEqual(self.order_a.partner_shipping_id, self.client_partner)
        # its own client it names
        quotation = Order.create({"partner_id": self.client_partner.id, "partner_invoice_id": self.client_a_address.id})
        self.assertEqual(quotation.partner_invoice_id, self.client_a_address)

    def test_messages_attachments_activities_followers_of_other_clients(self):
        """Odoo derives the access to messages, attachments and activities
        from their document: Bob's contact closes them to expert A."""
        self.client_b.message_post(body="Bob's private history", message_type="comment", subtype_xmlid="mail.mt_note")
        message = self.client_b.message_ids[:1]
        attachment = self.env["ir.attachment"].create(
            {"name": "bob.txt", "raw": b"secret", "res_model": "res.partner", "res_id": self.client_b.id}
        )
        activity = self.client_b.activity_schedule("mail.mail_activity_data_todo", user_id=self.expert_b.id)
        self.client_b.message_subscribe(partner_ids=self.client_b.ids)
        self.order_b.message_subscribe(partner_ids=self.client_b.ids)
        follower = self.env["mail.followers"].search([("partner_id", "=", self.client_b.id)])
        self.assertTrue(follower)

        expert = self.expert_a
        for record in (message, attachment, activity):
            with self.assertRaises(AccessError, msg=record._name):
                record.with_user(expert).read(["create_date"])
        self.assertFalse(self.env["mail.message"].with_user(expert).search([("id", "=", message.id)]))
        self.assertFalse(self.env["ir.attachment"].with_user(expert).search([("id", "=", attachment.id)]))
        self.assertFalse(self.env["mail.activity"].with_user(expert).search([("id", "=", activity.id)]))
        self.assertFalse(self.env["mail.followers"].with_user(expert).search([("partner_id", "=", self.client_b.id)]))
        # expert B reads them
        self.assertTrue(message.with_user(self.expert_b).read(["body"]))
        self.assertTrue(attachment.with_user(self.expert_b).read(["name"]))
        self.assertTrue(activity.with_user(self.expert_b).read(["summary"]))

    def test_own_order_form_reads_its_partners(self):
        """The order form as Odoo's web client reads it works for the expert."""
        self.order_a.partner_invoice_id = self.client_a_address
        spec = {
            "name": {},
            "partner_id": {"fields": {"display_name": {}, "email": {}}, "context": {"show_address": 1}},
            "partner_invoice_id": {"fields": {"display_name": {}}},
            "partner_shipping_id": {"fields": {"display_name": {}}},
            "message_partner_ids": {"fields": {"display_name": {}}},
            "order_line": {"fields": {"product_id": {"fields": {"display_name": {}}}, "price_subtotal": {}}},
        }
        values = self.order_a.with_user(self.expert_a).web_read(spec)[0]
        self.assertEqual(values["partner_id"]["id"], self.client_partner.id)
        self.assertEqual(values["partner_invoice_id"]["id"], self.client_a_address.id)
        invoice = self._invoice_order(self.order_a)
        values = invoice.with_user(self.expert_a).web_read(
            {"partner_id": {"fields": {"display_name": {}}}, "commercial_partner_id": {}, "amount_total": {}}
        )[0]
        self.assertEqual(values["partner_id"]["id"], self.client_a_address.id, "invoiced to the invoice address")

    def test_clients_become_clients_by_events(self):
        # a cart of A's product made on the website by the stranger
        cart = self.env["sale.order"].create({"partner_id": self.stranger.id})
        self.assertNotIn(self.stranger, self._partners(self.expert_a))
        cart._cart_update(product_id=self.product_a.id, add_qty=1)
        self.assertIn(self.stranger, self._partners(self.expert_a))
        # a manual invoice of B's product by the platform
        walk_in = self.env["res.partner"].create({"name": "Invoice only"})
        self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": walk_in.id,
                "invoice_line_ids": [Command.create({"product_id": self.product_b.id, "price_unit": 10})],
            }
        )
        self.assertIn(walk_in, self._partners(self.expert_b))
        self.assertNotIn(walk_in, self._partners(self.expert_a))
        # a product given to an expert brings its past buyers
        self.product_b.product_tmpl_id.expert_id = self.expert_a
        self.assertIn(self.client_b, self._partners(self.expert_a))

    def test_contacts_list_is_one_lookup_whatever_the_clients(self):
        """The rule on partners reads the expert's link rows with one indexed
        lookup: its SQL names neither orders nor commercial partners, and the
        expert's Contacts list costs as many queries with 5 clients as with 50."""
        Partner = self.env["res.partner"].with_user(self.expert_a)
        query = str(Partner._search([]).select())
        self.assertIn("res_partner_client_expert_rel", query)
        self.assertNotIn("sale_order", query)
        spec = {"display_name": {}, "email": {}, "phone": {}, "parent_id": {"fields": {"display_name": {}}}}

        def contacts_list_queries(clients):
            partners = self.env["res.partner"].create(
                [{"name": f"Client {index}", "email": f"c{index}@example.com"} for index in range(clients)]
            )
            partners._link_client_experts(self.expert_a)
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            result = Partner.web_search_read([], spec, limit=80)
            count = self.env.cr.sql_log_count - before
            self.assertGreater(result["length"], clients)
            self.assertEqual(Partner.search_count([("id", "in", partners.ids)]), clients)
            return count

        contacts_list_queries(1)  # warm the caches of the first request (rules, fields)
        self.assertEqual(contacts_list_queries(5), contacts_list_queries(50))
