from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools.safe_eval import safe_eval

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

    # ------------------------------------------------------------------
    # Experts' own projects and stages (issue 14.8)
    # ------------------------------------------------------------------

    def test_expert_creates_its_own_private_project_and_stages(self):
        Project = self.env["project.project"].with_user(self.expert_a)
        with Form(Project) as form:
            form.name = "Anxiety program"
        project = form.record
        self.assertEqual(project.user_id, self.expert_a)
        self.assertEqual(project.privacy_visibility, "followers")
        # "add a stage" on the project's board
        Stage = self.env["project.task.type"].with_user(self.expert_a).with_context(default_project_id=project.id)
        stage_id, _name = Stage.name_create("Week 1")
        stage = Stage.browse(stage_id)
        self.assertEqual(stage.project_ids, project)
        self.assertFalse(stage.user_id)
        stage.name = "Week one"
        task = (
            self.env["project.task"]
            .with_user(self.expert_a)
            .create({"name": "Prepare the handouts", "project_id": project.id, "stage_id": stage.id})
        )
        # visible to itself and the platform, never to another expert
        self.assertEqual(project.with_user(self.platform_manager).read(["name"])[0]["name"], "Anxiety program")
        self.assertEqual(task.with_user(self.platform_manager).read(["name"])[0]["name"], "Prepare the handouts")
        self.assertNotIn(project, self.env["project.project"].with_user(self.expert_b).search([]))
        with self.assertRaises(AccessError):
            project.with_user(self.expert_b).read(["name"])
        with self.assertRaises(AccessError):
            task.with_user(self.expert_b).read(["name"])
        with self.assertRaises(AccessError):
            stage.with_user(self.expert_b).write({"name": "Mine now"})

    def test_expert_cannot_open_its_project_or_touch_the_platform_ones(self):
        project = self.env["project.project"].with_user(self.expert_a).create({"name": "Coaching"})
        for values in (
            {"privacy_visibility": "employees"},
            {"privacy_visibility": "portal"},
            {"user_id": self.expert_b.id},
        ):
            with self.subTest(values=values), self.assertRaises(ValidationError), self.cr.savepoint():
                project.with_user(self.expert_a).write(values)
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.env["project.project"].with_user(self.expert_a).create(
                {"name": "Shared", "privacy_visibility": "employees"}
            )
        with self.assertRaises(AccessError):
            self.support_project.with_user(self.expert_a).write({"name": "Mine"})
        with self.assertRaises(AccessError):
            self.stage_new.with_user(self.expert_a).write({"name": "Fresh"})
        with self.assertRaises(AccessError):
            self.env["project.task.type"].with_user(self.expert_a).create(
                {"name": "Sneaky", "project_ids": [(6, 0, self.support_project.ids)]}
            )
        self.assertEqual(self.support_project.name, "Support")
        self.assertEqual(self.stage_new.name, "New")

    def test_support_board_shows_the_support_stages_only(self):
        # personal stages (Inbox, Today...) and another project's stage exist
        self.env["project.task.type"].create({"name": "Inbox", "user_id": self.expert_a.id})
        self.env["project.project"].create({"name": "Other", "type_ids": [(0, 0, {"name": "Other project stage"})]})
        self._open_ticket(session=self.booking)
        action = self.env.ref("project_support_ticket.project_task_action_support")
        context = {**safe_eval(action.context), "project_kanban": True}
        for user in (self.expert_a, self.platform_manager):
            with self.subTest(user=user.login):
                groups = (
                    self.env["project.task"]
                    .with_user(user)
                    .with_context(**context)
                    .web_read_group(safe_eval(action.domain), ["stage_id"], ["stage_id"])
                )
                stages = self.env["project.task.type"].browse([group["stage_id"][0] for group in groups["groups"]])
                self.assertEqual(stages, self.support_project.type_ids)
