from odoo.addons.session_booking.tests.common import MONDAY, SessionBookingCommon

# Monday 7 January 2030, 06:00 UTC; 8 January is a Tuesday, 11 a Friday
NOW = MONDAY.replace(hour=6)


class ClientJourneyCommon(SessionBookingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # one working calendar for every user (Mon-Fri), whatever the database holds
        cls.company.resource_calendar_id = cls.env.ref("resource.resource_calendar_std")
        cls.env.ref("resource.resource_calendar_std").tz = "Europe/Brussels"
        cls.package.is_published = True
        cls.package_b.is_published = True

    @classmethod
    def _create_lead(cls, expert=None, partner=None, **values):
        partner = cls.client_partner if partner is None else partner
        return cls.env["crm.lead"].create(
            {
                "name": "A question",
                "type": "opportunity",
                "partner_id": partner.id,
                "expert_id": expert.id if expert else False,
                **values,
            }
        )

    @classmethod
    def _create_goal(cls, expert=None, partner=None, **values):
        return cls.env["client.goal"].create(
            {
                "name": "Sleep better",
                "partner_id": (partner or cls.client_partner).id,
                "expert_id": (expert or cls.expert_a).id,
                **values,
            }
        )
