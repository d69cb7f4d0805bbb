from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestClientJourneyDemo(TransactionCase):
    def test_demo_journey(self):
        won = self.env.ref("crm_client_journey.crm_lead_emma_question_demo")
        order = self.env.ref("session_booking.sale_order_emma_demo")
        self.assertEqual(won.probability, 100)
        self.assertEqual(won.order_ids, order)
        self.assertEqual(won.session_booking_count, len(order.session_booking_ids))
        question = self.env.ref("crm_client_journey.crm_lead_lucas_question_demo")
        self.assertLess(question.probability, 100)
        self.assertEqual(question.activity_ids.user_id, self.env.ref("expert_base.user_expert_daniel_demo"))
        goal = self.env.ref("crm_client_journey.client_goal_emma_sleep_demo")
        self.assertEqual(goal.progress, 40)
        self.assertEqual(goal.note_ids.session_booking_id.state, "done")
        olivia = self.env.ref("expert_base.user_expert_olivia_demo")
        self.assertEqual(
            self.env["client.goal"].with_user(olivia).search([]).partner_id,
            self.env.ref("expert_base.partner_client_emma_demo"),
        )
