import pytz
from werkzeug.exceptions import NotFound

from odoo import _, fields, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

PAST_PER_PAGE = 20
MAX_PAGE = 2**31 - 1
# /my/sessions shows the next sessions, the latest cancellations and the
# packages with sessions left up to these numbers (each order lists all of
# its own): the page does not grow with the client's history
UPCOMING_SHOWN = 20
CANCELLED_SHOWN = 10
PACKAGES_SHOWN = 20


class SessionPortal(CustomerPortal):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "session_count" in counters:
            Booking = request.env["session.booking"]
            values["session_count"] = (
                Booking.search_count(self._session_domain() + [("is_upcoming", "=", True)])
                if Booking.check_access_rights("read", raise_exception=False)
                else 0
            )
        return values

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    def _session_domain(self):
        return request.env.user.partner_id._ownership_domain("commercial_partner_id")

    def _session_client_tz(self):
        """The client's time zone: the partner's, else the browser's (the
        website layout stores it in the ``tz`` cookie)."""
        for name in (request.env.user.tz, request.httprequest.cookies.get("tz")):
            if name in pytz.all_timezones_set:
                return name
        return "UTC"

    def _session_use_client_tz(self):
        """Read the page's times in the client's zone: the browser's when
        the user has none (called first: records read later carry it)."""
        request.update_context(tz=self._session_client_tz())

    def _session_reader_values(self, booking_sudo=None):
        """Who reads the page, for ``session.booking._session_format_datetime``:
        the user, or the session's client for a visitor with the session's
        access token."""
        reader = request.env.user.partner_id
        if booking_sudo and request.env.user._is_public():
            reader = booking_sudo.partner_id
        return {"reader": reader, "client_tz": request.env.context["tz"]}

    def _session_package_line(self, line_id):
        """The client's package line, or 404 (foreign and unknown ids alike)."""
        line = request.env["sale.order.line"].browse(line_id)
        try:
            # unknown ids fail the caller's check as foreign ones do
            line._session_check_caller()
            if not line.is_session_package or not request.env.user.share:
                raise MissingError(_("No such package."))
        except (AccessError, MissingError) as error:
            raise NotFound() from error
        return line

    def _session_booking(self, booking_id, access_token=None):
        """The session as superuser once the visitor's rights, rules or token
        are checked, for the visitor: ``_document_check_access`` answers as
        the superuser user, and who cancels follows from the user."""
        try:
            booking_sudo = self._document_check_access("session.booking", booking_id, access_token)
        except (AccessError, MissingError) as error:
            raise NotFound() from error
        return booking_sudo.with_user(request.env.user).sudo()

    # ------------------------------------------------------------------
    # Routes
    # ------------------------------------------------------------------

    @http.route(["/my/sessions", "/my/sessions/page/<int:page>"], type="http", auth="user", website=True)
    def portal_my_sessions(self, page=1, **kw):
        self._session_use_client_tz()
        partner = request.env.user.partner_id
        # a page number from the query string is text: anything but a
        # number is the first page, as Odoo's pager reads it; any number
        # stays an SQL offset (PostgreSQL's bigint)
        try:
            page = min(max(int(page), 1), MAX_PAGE)
        except (TypeError, ValueError):
            page = 1
        offset = (page - 1) * PAST_PER_PAGE
        sessions = self._prepare_portal_sessions_lists(partner, offset)
        pager = portal_pager(url="/my/sessions", total=sessions["past_total"], page=page, step=PAST_PER_PAGE)
        if pager["offset"] != offset:
            # a page beyond the last one shows the last one
            sessions = self._prepare_portal_sessions_lists(partner, pager["offset"])
        values = self._prepare_portal_layout_values()
        values.update(sessions)
        values.update(self._session_reader_values())
        values.update({"page_name": "sessions", "pager": pager, "default_url": "/my/sessions"})
        return request.render("session_booking.portal_my_sessions", values)

    def _prepare_portal_sessions_lists(self, partner, past_offset):
        return request.env["session.booking"]._prepare_portal_sessions_values(
            partner,
            past_offset=past_offset,
            past_limit=PAST_PER_PAGE,
            upcoming_limit=UPCOMING_SHOWN,
            cancelled_limit=CANCELLED_SHOWN,
            packages_limit=PACKAGES_SHOWN,
        )

    @http.route("/my/sessions/book/<int:line_id>", type="http", auth="user", website=True, methods=["GET", "POST"])
    def portal_session_book(self, line_id, date=None, start=None, **kw):
        self._session_use_client_tz()
        line = self._session_package_line(line_id)
        error = None
        if request.httprequest.method == "POST":
            try:
                booking = line._session_book(self._session_parse_start(start))
            except (UserError, ValidationError) as exc:
                error = exc.args[0]
            else:
                return request.redirect(f"{booking.access_url}?booked=1")
        return request.render(
            "session_booking.portal_session_book", self._prepare_session_book_values(line, date, error)
        )

    @staticmethod
    def _session_parse_start(start):
        """The posted start as a naive UTC datetime, or a clear error."""
        try:
            start_dt = fields.Datetime.to_datetime(start) if isinstance(start, str) and "\x00" not in start else None
        except (ValueError, OverflowError):
            start_dt = None
        if not start_dt:
            raise UserError(_("Choose one of the proposed times."))
        return start_dt

    def _prepare_session_book_values(self, line, date, error):
        values = self._prepare_portal_layout_values()
        values.update(self._session_reader_values())
        window = line._session_get_slot_days(values["client_tz"])
        selected = None
        if date:
            try:
                selected = fields.Date.to_date(date) if "\x00" not in date else None
            except (ValueError, TypeError, OverflowError):
                selected = None
            if selected is None:
                error = error or _("The date %s is not valid.", date.replace("\x00", ""))
        if selected not in window["days"]:
            selected = next(iter(window["days"]), None)
        values.update(
            {
                "page_name": "session_book",
                "line": line.sudo(),  # access checked by _session_package_line
                "days": window["days"],
                "calendar_days": window["calendar_days"],
                "selected_day": selected,
                "selected_slots": window["days"].get(selected, []),
                "bookable_error": line.sudo()._session_bookable_error(),
                "error": error,
                "to_string": fields.Datetime.to_string,
            }
        )
        return values

    @http.route("/my/sessions/<int:booking_id>", type="http", auth="public", website=True)
    def portal_session_page(self, booking_id, access_token=None, booked=None, cancelled=None, **kw):
        self._session_use_client_tz()
        booking_sudo = self._session_booking(booking_id, access_token)
        return request.render(
            "session_booking.portal_session_page",
            self._prepare_session_page_values(booking_sudo, access_token, booked=booked, cancelled=cancelled),
        )

    def _prepare_session_page_values(self, booking_sudo, access_token, error=None, **flags):
        values = self._get_page_view_values(
            booking_sudo, access_token, {"page_name": "session", "booking": booking_sudo}, "my_sessions_history", False
        )
        values.update(self._session_reader_values(booking_sudo))
        values.update(
            {
                "cancel_preview": booking_sudo._portal_cancel_preview() if booking_sudo.state == "booked" else {},
                "error": error,
                **flags,
            }
        )
        return values

    @http.route("/my/sessions/<int:booking_id>/cancel", type="http", auth="public", website=True, methods=["POST"])
    def portal_session_cancel(self, booking_id, access_token=None, reason=None, **kw):
        self._session_use_client_tz()
        booking_sudo = self._session_booking(booking_id, access_token)
        try:
            # who cancels follows from the user (a client here, the expert
            # if an expert opens its own session's page)
            booking_sudo.action_cancel(reason=reason)
        except UserError as exc:
            return request.render(
                "session_booking.portal_session_page",
                self._prepare_session_page_values(booking_sudo, access_token, error=exc.args[0]),
            )
        url = f"/my/sessions/{booking_sudo.id}?cancelled=1"
        if access_token:
            url += f"&access_token={access_token}"
        return request.redirect(url)
