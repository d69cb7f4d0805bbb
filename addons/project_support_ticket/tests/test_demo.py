from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestSupportDemo(TransactionCase):
    def test_demo_tickets(self):
        emma = self.env.ref("expert_base.user_client_emma_demo")
        olivia = self.env.ref("expert_base.user_expert_olivia_demo")
        tickets = self.env["project.task"].search(
            [("is_support_ticket", "=", True), ("partner_id", "=", emma.partner_id.id)], order="id"
        )
        self.assertEqual(len(tickets), 2)
        about_session, question = tickets
        self.assertEqual(about_session.user_ids, olivia)
        self.assertEqual(about_session.stage_id.support_role, "waiting")
        self.assertTrue(about_session.support_session_id)
        self.assertEqual(question.stage_id.support_role, "solved")
        self.assertEqual(question.state, "1_done")
        self.assertEqual(question.user_ids, self.env.ref("expert_base.user_platform_manager_demo"))
        # Emma sees both in her portal, Olivia only hers
        Task = self.env["project.task"]
        self.assertEqual(Task.with_user(emma).search([("is_support_ticket", "=", True)]), tickets)
        self.assertEqual(Task.with_user(olivia).search([("is_support_ticket", "=", True)]), about_session)
