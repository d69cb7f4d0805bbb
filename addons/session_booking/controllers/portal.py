from collections import OrderedDict
from datetime import timedelta

import pytz
from werkzeug.exceptions import NotFound

from odoo import _, fields, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

BOOKING_WINDOW_DAYS = 30
PAST_PER_PAGE = 20
# /my/sessions shows the next sessions and the packages with sessions left
# up to these numbers (each order lists all of its own): the page does not
# grow with the client's history
UPCOMING_SHOWN = 20
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
        return [("commercial_partner_id", "=", request.env.user.commercial_partner_id.id)]

    def _session_client_tz(self):
        """The client's time zone: the partner's, else the browser's (the
        website layout stores it in the ``tz`` cookie)."""
        for name in (request.env.user.tz, request.httprequest.cookies.get("tz")):
            if name in pytz.all_timezones_set:
                return name
        return "UTC"

    def _session_package_line(self, line_id):
        """The client's package line, or 404 (foreign and unknown ids alike)."""
        line = request.env["sale.order.line"].browse(line_id)
        try:
            line._session_check_access()
            if not line.exists() or not line.is_session_package:
                raise MissingError(_("No such package."))
            if line.order_id.partner_id.commercial_partner_id != request.env.user.commercial_partner_id:
                raise AccessError(_("This package is not yours."))
        except (AccessError, MissingError) as error:
            raise NotFound() from error
        return line

    def _session_booking(self, booking_id, access_token=None):
        try:
            return self._document_check_access("session.booking", booking_id, access_token)
        except (AccessError, MissingError) as error:
            raise NotFound() from error

    # ------------------------------------------------------------------
    # Routes
    # ------------------------------------------------------------------

    @http.route(["/my/sessions", "/my/sessions/page/<int:page>"], type="http", auth="user", website=True)
    def portal_my_sessions(self, page=1, **kw):
        Booking = request.env["session.booking"]
        domain = self._session_domain()
        # one more than shown: whether there are more, without a count query
        upcoming = Booking.search(domain + [("is_upcoming", "=", True)], order="start asc", limit=UPCOMING_SHOWN + 1)
        past_domain = domain + [("is_upcoming", "=", False)]
        pager = portal_pager(
            url="/my/sessions",
            total=Booking.search_count(past_domain),
            page=page,
            step=PAST_PER_PAGE,
        )
        past = Booking.search(past_domain, limit=PAST_PER_PAGE, offset=pager["offset"])
        SaleLine = request.env["sale.order.line"]
        packages = SaleLine.search(
            SaleLine._session_open_packages_domain(request.env.user.commercial_partner_id),
            order="id desc",
            limit=PACKAGES_SHOWN + 1,
        )
        more = len(upcoming) > UPCOMING_SHOWN or len(packages) > PACKAGES_SHOWN
        upcoming, packages = upcoming[:UPCOMING_SHOWN], packages[:PACKAGES_SHOWN]
        # the searches above ran with the client's rights; both lists are
        # read in one query (one prefetch set)
        bookings = (upcoming | past).sudo()
        # the packages, products and experts of the listed packages and of
        # the listed sessions are read together, one query per model, whether
        # the sessions' packages are listed or not
        lines = packages.sudo() | bookings.sale_line_id
        experts = lines.session_expert_id | bookings.expert_id
        # the names live on the product templates and the experts' partners
        lines.product_id.product_tmpl_id.fetch(["name"])
        experts.partner_id.fetch(["name"])
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "sessions",
                "upcoming_bookings": upcoming.sudo().with_prefetch(bookings._prefetch_ids),
                "past_bookings": past.sudo().with_prefetch(bookings._prefetch_ids),
                "packages": packages.sudo(),
                "more_sessions": more,
                "pager": pager,
                "client_tz": self._session_client_tz(),
                "default_url": "/my/sessions",
            }
        )
        return request.render("session_booking.portal_my_sessions", values)

    @http.route("/my/sessions/book/<int:line_id>", type="http", auth="user", website=True, methods=["GET", "POST"])
    def portal_session_book(self, line_id, date=None, start=None, **kw):
        line = self._session_package_line(line_id)
        error = None
        if request.httprequest.method == "POST":
            try:
                start_dt = fields.Datetime.to_datetime(start)
                if not start_dt:
                    raise ValueError
            except ValueError:
                error = _("Choose one of the proposed times.")
            else:
                try:
                    booking = line._session_book(start_dt)
                except (UserError, ValidationError) as exc:
                    error = exc.args[0]
                else:
                    return request.redirect(f"{booking.access_url}?booked=1")
        return request.render(
            "session_booking.portal_session_book",
            self._prepare_session_book_values(line, date, error),
        )

    def _prepare_session_book_values(self, line, date, error):
        tz = pytz.timezone(self._session_client_tz())
        now = fields.Datetime.now()
        slots = line._session_get_free_slots(now, now + timedelta(days=BOOKING_WINDOW_DAYS))
        days = OrderedDict()
        for slot in slots:
            local = pytz.utc.localize(slot).astimezone(tz)
            days.setdefault(local.date(), []).append((slot, local))
        selected = None
        if date:
            try:
                selected = fields.Date.to_date(date)
            except ValueError:
                error = error or _("The date %s is not valid.", date)
        if selected not in days:
            selected = next(iter(days), None)
        first_day = pytz.utc.localize(now).astimezone(tz).date()
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "session_book",
                "line": line.sudo(),  # access checked by _session_package_line
                "days": days,
                "calendar_days": [first_day + timedelta(days=n) for n in range(BOOKING_WINDOW_DAYS)],
                "selected_day": selected,
                "selected_slots": days.get(selected, []),
                "bookable_error": line.sudo()._session_bookable_error(),
                "error": error,
                "client_tz": tz.zone,
                "to_string": fields.Datetime.to_string,
            }
        )
        return values

    @http.route("/my/sessions/<int:booking_id>", type="http", auth="public", website=True)
    def portal_session_page(self, booking_id, access_token=None, booked=None, cancelled=None, **kw):
        booking_sudo = self._session_booking(booking_id, access_token)
        return request.render(
            "session_booking.portal_session_page",
            self._prepare_session_page_values(booking_sudo, access_token, booked=booked, cancelled=cancelled),
        )

    def _prepare_session_page_values(self, booking_sudo, access_token, error=None, **flags):
        values = self._get_page_view_values(
            booking_sudo, access_token, {"page_name": "session", "booking": booking_sudo}, "my_sessions_history", False
        )
        values.update(
            {
                "client_tz": self._session_client_tz(),
                "cancel_preview": booking_sudo._portal_cancel_preview() if booking_sudo.state == "booked" else {},
                "error": error,
                **flags,
            }
        )
        return values

    @http.route("/my/sessions/<int:booking_id>/cancel", type="http", auth="public", website=True, methods=["POST"])
    def portal_session_cancel(self, booking_id, access_token=None, reason=None, **kw):
        booking_sudo = self._session_booking(booking_id, access_token)
        try:
            booking_sudo.action_cancel(cancelled_by="client", reason=(reason or "").strip()[:1000])
        except UserError as exc:
            return request.render(
                "session_booking.portal_session_page",
                self._prepare_session_page_values(booking_sudo, access_token, error=exc.args[0]),
            )
        url = f"/my/sessions/{booking_sudo.id}?cancelled=1"
        if access_token:
            url += f"&access_token={access_token}"
        return request.redirect(url)
