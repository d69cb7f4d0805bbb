import json

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.client_center.tests.common import RpcCallMixin
from odoo.addons.expert_base.tests.common import PortalFormMixin

from .common import SupportTicketCommon


@tagged("post_install", "-at_install")
class TestSupportAccess(PortalFormMixin, SupportTicketCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ticket = cls._open_ticket(session=cls.booking)
        cls.ticket_b = cls._open_ticket(user=cls.client_b_user, subject="Client B's ticket", session=cls.booking_b)
        cls.general_ticket = cls._open_ticket(subject="A general question")

    def test_clients_see_only_their_tickets(self):
        Task = self.env["project.task"]
        self.assertEqual(
            Task.with_user(self.client_user).search([("is_support_ticket", "=", True)]),
            self.ticket | self.general_ticket,
        )
        self.assertEqual(Task.with_user(self.client_b_user).search([("is_support_ticket", "=", True)]), self.ticket_b)
        with self.assertRaises(AccessError):
            self.ticket_b.with_user(self.client_user).read(["name"])
        with self.assertRaises(AccessError):
            self.ticket.with_user(self.client_user).write({"name": "Renamed"})
        with self.assertRaises(AccessError):
            self.ticket.with_user(self.client_user).unlink()
        # the client does not follow the project: following it would open every ticket
        self.assertNotIn(self.client_partner, self.support_project.message_partner_ids)

    def test_experts_see_only_their_tickets(self):
        Task = self.env["project.task"]
        self.assertEqual(Task.with_user(self.expert_a).search([("is_support_ticket", "=", True)]), self.ticket)
        self.assertEqual(Task.with_user(self.expert_b).search([("is_support_ticket", "=", True)]), self.ticket_b)
        with self.assertRaises(AccessError):
            self.ticket.with_user(self.expert_b).read(["name"])
        with self.assertRaises(AccessError):
            self.general_ticket.with_user(self.expert_a).read(["name"])
        # a ticket the expert is invited on
        self.general_ticket.sudo().message_subscribe(partner_ids=self.expert_b.partner_id.ids)
        self.assertEqual(self.general_ticket.with_user(self.expert_b).read(["name"])[0]["name"], "A general question")
        # other projects' tasks follow Odoo's rules
        project = self.env["project.project"].create({"name": "Workshop", "privacy_visibility": "employees"})
        task = self.env["project.task"].create({"name": "Prepare handouts", "project_id": project.id})
        self.assertEqual(task.with_user(self.expert_a).read(["name"])[0]["name"], "Prepare handouts")

    def test_platform_manager_and_support_team_see_all(self):
        tickets = self.ticket | self.ticket_b | self.general_ticket
        self.assertEqual(
            self.env["project.task"].with_user(self.platform_manager).search([("id", "in", tickets.ids)]), tickets
        )
        self.assertEqual(
            self.env["project.task"].with_user(self.support_agent).search([("id", "in", tickets.ids)]), tickets
        )

    def test_new_ticket_page(self):
        self.authenticate("client_a", "client_a")
        response = self.url_open("/my/tasks/new")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.order.name, response.text)
        self.assertIn(self.booking.name, response.text)
        self.assertNotIn(self.order_b.name, response.text)
        self.assertNotIn(self.booking_b.name, response.text)
        self.assertIn('href="/my/tasks/new"', self.url_open("/my/tasks").text)

    def test_post_opens_the_ticket(self):
        self.authenticate("client_a", "client_a")
        csrf = self._csrf("/my/tasks/new")
        response = self.url_open(
            "/my/tasks/new",
            data={
                "csrf_token": csrf,
                "subject": "Refund question",
                "description": "Can I get a refund?",
                "sale_order_id": str(self.order.id),
                "session_id": "",
            },
            files={"attachments": ("receipt.txt", b"paid twice", "text/plain")},
        )
        self.assertEqual(response.status_code, 200)
        ticket = self._tickets().filtered(lambda t: t.name == "Refund question")
        self.assertEqual(len(ticket), 1)
        self.assertIn(f"/my/tasks/{ticket.id}?access_token=", response.url)
        self.assertIn("Refund question", response.text)
        self.assertEqual(ticket.support_sale_order_id, self.order)
        self.assertEqual(ticket.user_ids, self.expert_a)
        self.assertEqual(ticket.message_ids.attachment_ids.mapped("name"), ["receipt.txt"])

    def test_post_bad_input_shows_the_error(self):
        self.authenticate("client_a", "client_a")
        csrf = self._csrf("/my/tasks/new")
        before = self._tickets()
        response = self.url_open("/my/tasks/new", data={"csrf_token": csrf, "subject": " ", "description": "kept"})
        self.assertEqual(response.status_code, 200)
        self.assertIn("Give your ticket a subject.", response.text)
        self.assertIn("kept", response.text)
        self.assertEqual(self._tickets(), before)

    def test_foreign_ids_answer_404(self):
        self.authenticate("client_a", "client_a")
        csrf = self._csrf("/my/tasks/new")
        before = self._tickets()
        for field, value in (
            ("sale_order_id", str(self.order_b.id)),
            ("session_id", str(self.booking_b.id)),
            ("sale_order_id", "999999"),
            ("session_id", "abc"),
            ("sale_order_id", "-1"),
        ):
            with self.subTest(field=field, value=value):
                response = self.url_open("/my/tasks/new", data={"csrf_token": csrf, "subject": "Foreign", field: value})
                self.assertEqual(response.status_code, 404)
        self.assertEqual(self._tickets(), before)
        # another client's ticket page shows nothing of it
        response = self.url_open(f"/my/tasks/{self.ticket_b.id}")
        self.assertNotIn("Client B&#39;s ticket", response.text)
        self.assertNotIn("Client B's ticket", response.text)

    def test_post_without_csrf_is_refused(self):
        self.authenticate("client_a", "client_a")
        before = self._tickets()
        with mute_logger("odoo.http"):
            response = self.url_open("/my/tasks/new", data={"subject": "No token"})
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self._tickets(), before)

    def _chatter_post(self, ticket, message, token=None):
        """Post as the ticket page's chatter does (with the ticket's token)."""
        params = {"res_model": "project.task", "res_id": ticket.id, "message": message}
        if token:
            params["token"] = token
        with mute_logger("odoo.http"):
            response = self.url_open(
                "/mail/chatter_post",
                data=json.dumps({"jsonrpc": "2.0", "method": "call", "params": params}),
                headers={"Content-Type": "application/json"},
            )
        return response.json()

    def test_portal_reply_reopens_a_solved_ticket(self):
        self.ticket.with_user(self.expert_a).stage_id = self.stage_solved
        self.authenticate("client_a", "client_a")
        token = self.ticket.sudo().access_token
        self.assertTrue(token)
        result = self._chatter_post(self.ticket, "It is broken again.", token=token)
        self.assertNotIn("error", result)
        ticket = self.ticket.sudo()
        self.assertEqual(ticket.stage_id, self.stage_in_progress)
        self.assertEqual(ticket.state, "01_in_progress")
        reply = ticket.message_ids.filtered(lambda m: "It is broken again." in str(m.body))
        self.assertEqual(reply.author_id, self.client_partner)
        self.assertIn(self.expert_a.partner_id, reply.notification_ids.res_partner_id)
        # another client cannot write on it
        self.authenticate("client_b", "client_b")
        self.assertIn("error", self._chatter_post(self.ticket, "Not my ticket"))
        self.assertFalse(ticket.message_ids.filtered(lambda m: "Not my ticket" in str(m.body)))

    def test_public_user_is_sent_to_login(self):
        response = self.url_open("/my/tasks/new", allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertIn("/web/login", response.headers["Location"])


@tagged("post_install", "-at_install")
class TestClientCenterSupportAccess(PortalFormMixin, RpcCallMixin, SupportTicketCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.center = cls.env.ref("client_center.client_center_default")
        cls.support_url = f"/client-center/{cls.center.slug}/support"
        cls.ticket = cls._open_ticket(subject="Client A's ticket", session=cls.booking)
        cls.ticket_b = cls._open_ticket(user=cls.client_b_user, subject="Client B's ticket")

    def test_support_panel_lists_own_tickets(self):
        self.authenticate("client_a", "client_a")
        response = self.url_open(self.support_url)
        self.assertEqual(response.status_code, 200)
        self.assertIn("Client A&#39;s ticket", response.text)
        self.assertIn(self.booking.name, response.text)
        self.assertNotIn("Client B&#39;s ticket", response.text)
        for query in ("?filterby=open", "?filterby=solved&sortby=name", "?sortby=bogus&filterby=bogus"):
            with self.subTest(query=query):
                self.assertEqual(self.url_open(self.support_url + query).status_code, 200)
        home = self.url_open(f"/client-center/{self.center.slug}").text
        self.assertIn("o_client_center_counter_support", home)
        self.assertIn("o_client_center_panel_support", home)

    def test_new_ticket_from_the_client_center(self):
        self.authenticate("client_a", "client_a")
        form = self.url_open(f"{self.support_url}/new")
        self.assertEqual(form.status_code, 200)
        self.assertIn(self.order.name, form.text)
        self.assertNotIn(self.order_b.name, form.text)
        csrf = self._csrf(f"{self.support_url}/new")
        response = self.url_open(
            f"{self.support_url}/new",
            data={"csrf_token": csrf, "subject": "From the center", "session_id": str(self.booking.id)},
        )
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.url.endswith(f"{self.support_url}?notice=ticket_opened"), response.url)
        self.assertIn("Your ticket is open", response.text)
        ticket = self._tickets().filtered(lambda t: t.name == "From the center")
        self.assertEqual(ticket.support_session_id, self.booking)
        self.assertEqual(ticket.user_ids, self.expert_a)

    def test_bad_input_and_foreign_ids(self):
        self.authenticate("client_a", "client_a")
        csrf = self._csrf(f"{self.support_url}/new")
        before = self._tickets()
        response = self.url_open(f"{self.support_url}/new", data={"csrf_token": csrf, "subject": ""})
        self.assertEqual(response.status_code, 200)
        self.assertIn("Give your ticket a subject.", response.text)
        for field, value in (("sale_order_id", str(self.order_b.id)), ("session_id", str(self.booking_b.id))):
            with self.subTest(field=field):
                response = self.url_open(
                    f"{self.support_url}/new", data={"csrf_token": csrf, "subject": "Foreign", field: value}
                )
                self.assertEqual(response.status_code, 404)
        with mute_logger("odoo.http"):
            response = self.url_open(f"{self.support_url}/new", data={"subject": "No token"})
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self._tickets(), before)

    def test_disabled_panel_and_unknown_center_answer_404(self):
        self.authenticate("client_a", "client_a")
        self.center.show_support = False
        self.assertEqual(self.url_open(self.support_url).status_code, 404)
        self.assertEqual(self.url_open(f"{self.support_url}/new").status_code, 404)
        self.center.show_support = True
        self.assertEqual(self.url_open("/client-center/nowhere/support").status_code, 404)

    def test_public_user_is_sent_to_login(self):
        for url in (self.support_url, f"{self.support_url}/new"):
            with self.subTest(url=url):
                response = self.url_open(url, allow_redirects=False)
                self.assertIn(response.status_code, (302, 303))
                self.assertIn("/web/login", response.headers["Location"])

    def test_ticket_page_inside_the_client_center(self):
        self.authenticate("client_a", "client_a")
        response = self.url_open(f"{self.support_url}/{self.ticket.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_client_center_support_ticket_page", response.text)
        self.assertIn(f'data-res_id="{self.ticket.id}"', response.text)
        self.assertIn(f'data-token="{self.ticket.sudo().access_token}"', response.text)
        # the panel lists it with a link inside the center, not /my/tasks
        self.assertIn(f'href="{self.support_url}/{self.ticket.id}"', self.url_open(self.support_url).text)
        for ticket_id in (self.ticket_b.id, 2**31, int("9" * 31)):
            with self.subTest(ticket_id=ticket_id):
                self.assertEqual(self.url_open(f"{self.support_url}/{ticket_id}").status_code, 404)

    def test_bad_input_never_answers_500(self):
        self.authenticate("client_a", "client_a")
        csrf = self._csrf(f"{self.support_url}/new")
        before = self._tickets()
        for url in (f"{self.support_url}/new", "/my/tasks/new"):
            for data in (
                {"sale_order_id": "9" * 31},
                {"session_id": str(2**31)},
                {"sale_order_id": "\x00"},
                {"session_id": "²"},
            ):
                with self.subTest(url=url, data=data):
                    response = self.url_open(url, data={"csrf_token": csrf, "subject": "Bad id", **data})
                    self.assertEqual(response.status_code, 404)
            for data, message in (
                ({"subject": "nul\x00byte"}, "cannot be saved"),
                ({"subject": "Fine", "description": "nul\x00byte"}, "cannot be saved"),
                ({"subject": "Fine", "description": "x" * 20001}, "The description is too long"),
                ({"subject": "x" * 201}, "The subject is too long"),
            ):
                with self.subTest(url=url, data=data):
                    response = self.url_open(url, data={"csrf_token": csrf, **data})
                    self.assertEqual(response.status_code, 200)
                    self.assertIn(message, response.text)
        self.assertEqual(self._tickets(), before)

    def test_rpc_open_ticket(self):
        before = self._tickets()
        for login, kwargs in (
            ("client_a", {"sale_order": self.order_b.id}),
            ("client_a", {"session": self.booking_b.id}),
            ("client_a", {"sale_order": 2**40}),
            ("client_a", {"sale_order": "abc"}),
            ("client_a", {"session": [1, 2]}),
            ("client_a", {"attachments": "not a list"}),
            ("client_a", {"attachments": [["a.txt", {"x": 1}, "text/plain"]]}),
            ("client_a", {"attachments": [["nul\x00.txt", "x", "text/plain"]]}),
            ("expert_b", {"sale_order": self.order.id}),
            ("expert_a", {"session": self.booking_b.id}),
        ):
            with self.subTest(login=login, kwargs=kwargs):
                self.authenticate(login, login)
                result = self._call_kw("project.task", "create_support_ticket", ["RPC ticket", "Hello"], kwargs)
                self.assertEqual(result["error"]["data"]["name"], "odoo.exceptions.UserError")
        for args in ([["a list"], ""], ["Subject", {"a": "dict"}], ["", ""]):
            with self.subTest(args=args):
                result = self._call_kw("project.task", "create_support_ticket", args)
                self.assertEqual(result["error"]["data"]["name"], "odoo.exceptions.UserError")
        self.assertEqual(self._tickets(), before)
        # the client's own order, by id: the ticket's id comes back
        self.authenticate("client_a", "client_a")
        result = self._call_kw(
            "project.task", "create_support_ticket", ["RPC ticket", "Hello"], {"sale_order": self.order.id}
        )
        ticket = self.env["project.task"].browse(result["result"])
        self.assertEqual(ticket.support_sale_order_id, self.order)
        self.assertEqual(ticket.partner_id, self.client_partner)
