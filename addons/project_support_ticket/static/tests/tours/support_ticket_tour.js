/** @odoo-module **/

import { registry } from "@web/core/registry";

/**
 * Fill and send the New-ticket form about the client's first order.
 */
export function fillTicketFormSteps(subject) {
    return [
        {
            content: "Give the ticket a subject",
            trigger: ".o_support_ticket_form input[name='subject']",
            run: `text ${subject}`,
        },
        {
            content: "Describe the problem",
            trigger: ".o_support_ticket_form textarea[name='description']",
            run: "text The video link does not open in my browser.",
        },
        {
            content: "The ticket is about my order",
            trigger: ".o_support_ticket_form select[name='sale_order_id']",
            run: "text option 2",
        },
        {
            content: "Send the ticket",
            trigger: ".o_support_ticket_form button.o_support_ticket_submit",
        },
        {
            content: "The ticket page shows the ticket",
            trigger: `.o_portal_wrap:contains('${subject}') .o_support_ticket_about:contains('Order')`,
            isCheck: true,
        },
    ];
}

registry.category("web_tour.tours").add("project_support_ticket_portal_tour", {
    test: true,
    url: "/my/tasks",
    steps: () => [
        {
            content: "Open a new ticket from my tasks",
            trigger: "a.o_support_new_ticket",
        },
        ...fillTicketFormSteps("My session link does not work"),
    ],
});

/**
 * On the ticket page: the expert's answer is in the conversation.
 */
registry.category("web_tour.tours").add("project_support_ticket_answer_tour", {
    test: true,
    url: "/my/tasks",
    steps: () => [
        {
            content: "Open my ticket",
            trigger: "a:contains('My session link does not work')",
        },
        {
            content: "The expert's answer is in the conversation",
            trigger: ".o_portal_chatter_message:contains('Please try another browser')",
            isCheck: true,
        },
    ],
});
