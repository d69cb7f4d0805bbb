from odoo.tests import Form, tagged

from .common import SupportTicketCommon


@tagged("post_install", "-at_install")
class TestSupportProject(SupportTicketCommon):
    def test_default_support_project(self):
        project = self.support_project
        self.assertTrue(project.is_support_project)
        self.assertEqual(project.privacy_visibility, "portal")
        self.assertEqual(project.alias_name, "support")
        self.assertEqual(project.alias_model_id.model, "project.task")
        self.assertEqual(
            project.type_ids.sorted("sequence").mapped("name"), ["New", "In progress", "Waiting on client", "Solved"]
        )
        self.assertEqual(
            project.type_ids.sorted("sequence").mapped("support_role"), ["new", "in_progress", "waiting", "solved"]
        )
        self.assertTrue(self.stage_solved.fold)
        self.assertEqual(
            self.stage_solved.mail_template_id,
            self.env.ref("project_support_ticket.mail_template_support_ticket_solved"),
        )
        # the install gave it to the main company
        self.assertEqual(self.env.ref("base.main_company").support_project_id, project)

    def test_settings_change_the_support_project(self):
        other = self.env["project.project"].create(
            {
                "name": "Help desk",
                "privacy_visibility": "portal",
                "type_ids": [(6, 0, self.support_project.type_ids.ids)],
            }
        )
        self.assertFalse(other.is_support_project)
        settings = Form(self.env["res.config.settings"])
        self.assertEqual(settings.support_project_id, self.support_project)
        settings.support_project_id = other
        settings.save().execute()
        self.assertEqual(self.company.support_project_id, other)
        self.assertTrue(other.is_support_project)
        ticket = self._open_ticket()
        self.assertEqual(ticket.sudo().project_id, other)
        self.assertTrue(ticket.sudo().is_support_ticket)

    def test_experts_use_the_project_app(self):
        self.assertTrue(self.expert_a.has_group("project.group_project_user"))
