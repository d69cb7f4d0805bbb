from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged

from .common import NOW, ClientJourneyCommon


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestLead(ClientJourneyCommon):
    def test_expert_lead_is_assigned_to_the_expert(self):
        lead = self._create_lead(self.expert_a)
        self.assertEqual(lead.user_id, self.expert_a)
        self.assertFalse(lead.activity_ids, "only website questions get the automatic follow-up")

    def test_website_question_schedules_follow_up(self):
        lead = self._create_lead(self.expert_a, is_website_question=True)
        activity = lead.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.activity_type_id, self.env.ref("crm_client_journey.mail_activity_type_question"))
        self.assertEqual(activity.user_id, self.expert_a)
        self.assertEqual(activity.date_deadline, date(2030, 1, 8))  # Monday -> Tuesday

    @freeze_time("2030-01-11 16:00:00")
    def test_follow_up_on_friday_is_due_on_monday(self):
        lead = self._create_lead(self.expert_a, is_website_question=True)
        self.assertEqual(lead.activity_ids.date_deadline, date(2030, 1, 14))

    def test_question_without_expert_goes_to_the_team_leader(self):
        leader = self.env["res.users"].create(
            {
                "name": "Team leader",
                "login": "team_leader",
                "groups_id": [Command.set(self.env.ref("sales_team.group_sale_salesman_all_leads").ids)],
            }
        )
        team = self.env["crm.team"].create({"name": "Questions", "user_id": leader.id})
        lead = self._create_lead(team_id=team.id, user_id=False, is_website_question=True)
        self.assertEqual(lead.activity_ids.user_id, leader)
        self.assertEqual(lead.activity_ids.date_deadline, date(2030, 1, 8))
        orphan = self._create_lead(team_id=False, user_id=False, is_website_question=True)
        self.assertFalse(orphan.activity_ids)

    def test_purchase_wins_the_open_lead(self):
        lead = self._create_lead(self.expert_a)
        order = self._create_order(self.package)
        self.assertEqual(order.opportunity_id, lead)
        self.assertEqual(lead.probability, 100)
        self.assertTrue(lead.stage_id.is_won)
        self.assertEqual(lead.order_ids, order)
        self.assertEqual(lead.sale_order_count, 1)
        action = lead.action_view_sale_order()
        self.assertEqual(action["res_id"], order.id)
        self.assertIn(order.name, lead.message_ids[0].body)

    def test_won_lead_carries_the_order_amount(self):
        """Issue 14.11: a lead won on purchase keeps what it brought."""
        lead = self._create_lead(self.expert_a)
        self.assertEqual(lead.expected_revenue, 0)
        order = self._create_order(self.package, quantity=2)
        self.assertEqual(order.opportunity_id, lead)
        self.assertEqual(lead.expected_revenue, 500.0)
        self.assertEqual(lead.expected_revenue, order.amount_untaxed)

    def test_won_question_keeps_the_phone_the_visitor_typed(self):
        """Issue 14.11: the visitor's phone is how to call it back, even when
        its contact has another one."""
        self.client_partner.phone = "+32 2 000 00 00"
        lead = self._create_lead(
            self.expert_a,
            partner=self.env["res.partner"],
            type="lead",
            email_from="client.a@example.com",
            phone="+33 6 12 34 56 78",
            is_website_question=True,
        )
        self._create_order(self.package)
        self.assertEqual(lead.partner_id, self.client_partner)
        self.assertEqual(lead.probability, 100)
        self.assertEqual(lead.phone, "+33 6 12 34 56 78")
        self.assertEqual(self.client_partner.phone, "+32 2 000 00 00", "the contact keeps its own phone")
        # a lead without a typed phone takes its contact's, as in Odoo
        other = self._create_lead(self.expert_a, partner=self.env["res.partner"])
        other.partner_id = self.client_partner
        self.assertEqual(other.phone, "+32 2 000 00 00")

    def test_lead_found_by_email_and_converted(self):
        lead = self._create_lead(
            self.expert_a,
            partner=self.env["res.partner"],
            type="lead",
            email_from="Client A <CLIENT.A@example.com>",
        )
        self.assertFalse(lead.partner_id)
        order = self._create_order(self.package)
        self.assertEqual(lead.type, "opportunity")
        self.assertEqual(lead.partner_id, self.client_partner)
        self.assertEqual(lead.probability, 100)
        self.assertEqual(order.opportunity_id, lead)

    def test_contact_of_the_company_wins_the_company_lead(self):
        company = self.env["res.partner"].create({"name": "Client Corp", "is_company": True})
        self.client_partner.parent_id = company
        colleague = self.env["res.partner"].create({"name": "Colleague", "parent_id": company.id})
        lead = self._create_lead(self.expert_a, partner=colleague)
        self._create_order(self.package)
        self.assertEqual(lead.probability, 100)

    def test_only_leads_about_the_expert_sold(self):
        lead_b = self._create_lead(self.expert_b)
        lead_any = self._create_lead()
        order = self._create_order(self.package)
        self.assertLess(lead_b.probability, 100)
        self.assertEqual(lead_any.probability, 100)
        self.assertEqual(order.opportunity_id, lead_any)

    def test_question_to_the_expert_wins_over_a_general_one(self):
        to_expert = self._create_lead(self.expert_a)
        general = self._create_lead()
        order = self._create_order(self.package)
        self.assertEqual(order.opportunity_id, to_expert)
        self.assertEqual(to_expert.probability, 100)
        self.assertLess(general.probability, 100)

    def test_other_clients_and_non_packages_win_nothing(self):
        lead = self._create_lead(self.expert_a)
        other = self.env["res.partner"].create({"name": "Someone else", "email": "else@example.com"})
        self._create_order(self.package, partner=other)
        self._create_order(self.product_a)  # not a session package
        self.assertLess(lead.probability, 100)
        self.assertFalse(lead.order_ids)

    def test_won_and_lost_leads_stay_as_they_are(self):
        lost = self._create_lead(self.expert_a)
        lost.action_set_lost()
        first = self._create_order(self.package)
        self.assertFalse(first.opportunity_id)
        self.assertFalse(lost.active)
        won = self._create_lead(self.expert_a)
        self._create_order(self.package)
        self.assertEqual(won.probability, 100)
        again = self._create_order(self.package)
        self.assertFalse(again.opportunity_id, "a second purchase finds no open lead")

    def test_quotation_made_from_the_opportunity(self):
        newer = self._create_lead(self.expert_a)
        lead = self._create_lead(self.expert_a, name="Made the quotation")
        newer.name = "Newest"
        order = self._create_order(self.package, confirm=False)
        order.opportunity_id = lead
        order.action_confirm()
        self.assertEqual(lead.probability, 100)
        self.assertLess(newer.probability, 100)

    def test_sessions_smart_button(self):
        lead = self._create_lead(self.expert_a)
        line = self._paid_package_line()
        self.assertEqual(lead.order_ids, line.order_id)
        booking = line._session_book(self._utc(NOW.replace(day=8, hour=9)))
        lead.invalidate_recordset(["session_booking_count"])
        self.assertEqual(lead.session_booking_count, 1)
        action = lead.action_view_session_bookings()
        self.assertEqual(self.env["session.booking"].search(action["domain"]), booking)

    def test_settings_choose_the_default_team_of_questions(self):
        team = self.env["crm.team"].create({"name": "Front desk"})
        settings = self.env["res.config.settings"].create({"question_team_id": team.id})
        settings.execute()
        self.assertEqual(settings.website_id.crm_default_team_id, team)
        self.assertEqual(self.env["res.config.settings"].create({}).question_team_id, team)
