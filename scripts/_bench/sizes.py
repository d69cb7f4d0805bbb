"""Benchmark sizes (no Odoo needed): how much data each size fills."""

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Size:
    name: str
    experts: int
    clients: int
    orders: int  # confirmed package orders, each with one invoice
    sessions: int
    invoices: int  # all customer invoices: orders', penalties, extra services
    heavy_orders: int  # orders of the "heavy" client (included in ``orders``)
    # sessions cancelled late in one batch (measure); their penalty invoice
    # mails are queued for Send & Print's cron, a sample of them is sent
    cancel_batch: int
    # unpaid customer invoices the resend cron goes over (the fill tops the
    # unpaid invoices up to it; 0: those the size has, the result scaled)
    resend_invoices: int = 0
    # customers with an open balance the monthly statement run serves (at
    # most: those the size has, the result scaled)
    statement_customers: int = 1000
    # due recurring orders charged by the recurring order cron (measure)
    recurring_due: int = 0
    # recurring orders of the "heavy" client, each with a year of paid periods
    heavy_recurring: int = 0

    def as_dict(self):
        return asdict(self)


SIZES = {
    "small": Size("small", 5, 50, 200, 600, 400, 60, 20, recurring_due=50, heavy_recurring=3),
    "medium": Size("medium", 10, 1000, 2000, 7000, 4000, 200, 1000, recurring_due=1000, heavy_recurring=20),
    "large": Size(
        "large", 50, 5000, 20000, 60000, 40000, 400, 1000, resend_invoices=10000, recurring_due=1000, heavy_recurring=40
    ),
}

# Calendar events of the three experts the slot planner is measured on.
SLOT_EVENT_COUNTS = (100, 1000, 10000)
# Clients racing for slots of one expert.
RACE_CLIENTS = 20
# Clients booking at once across several experts (each its own slot).
CROWD_EXPERTS = 10
CROWD_CLIENTS_PER_EXPERT = 10
# The scale the invoice follow-up batches are reported at (projected from
# what was measured when the size has fewer).
RESEND_TARGET = 10000
STATEMENT_TARGET = 1000
# Paid periods of each recurring order of the heavy client.
RECURRING_HISTORY = 12
# The recurring charge batch runs twice: this many charges first, the rest
# after (queries and time per charge compared: the cost must be linear).
RECURRING_FIRST_BATCH = 100
