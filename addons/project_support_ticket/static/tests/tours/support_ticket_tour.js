/** @odoo-module **/

import { registry } from "@web/core/registry";

const ANSWER = "Please try another browser";

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
    ];
}

function answerIsShownSteps() {
    return [
        {
            content: "The expert's answer is in the conversation",
            trigger: `.o_portal_chatter_message:contains('${ANSWER}')`,
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
        {
            content: "The ticket page shows the ticket and what it is about",
            trigger: ".o_portal_wrap:contains('My session link does not work') .o_support_ticket_about:contains('Order')",
            isCheck: true,
        },
    ],
});

registry.category("web_tour.tours").add("project_support_ticket_answer_tour", {
    test: true,
    url: "/my/tasks",
    steps: () => [
        {
            content: "Open my ticket",
            trigger: "a:contains('My session link does not work')",
        },
        ...answerIsShownSteps(),
    ],
});

registry.category("web_tour.tours").add("project_support_ticket_client_center_tour", {
    test: true,
    url: "/client-center/main",
    steps: () => [
        {
            content: "Go to the Support panel",
            trigger: ".o_client_center_menu a.o_client_center_panel_support",
        },
        {
            content: "Open a new ticket",
            trigger: "a.o_client_center_support_new",
        },
        ...fillTicketFormSteps("I cannot join the video call"),
        {
            content: "The center says the ticket is open",
            trigger: ".o_client_center_notice:contains('Your ticket is open')",
            isCheck: true,
        },
        {
            content: "The Support panel lists it",
            trigger: ".o_client_center_support_row:contains('I cannot join the video call')",
            isCheck: true,
        },
    ],
});

registry.category("web_tour.tours").add("project_support_ticket_client_center_answer_tour", {
    test: true,
    url: "/client-center/main",
    steps: () => [
        {
            content: "The home counts one open ticket",
            trigger: ".o_client_center_counter_support:has(.o_client_center_counter_value:contains('1'))",
        },
        {
            content: "Open the ticket",
            trigger: "a.o_client_center_support_ticket:contains('I cannot join the video call')",
        },
        {
            content: "The ticket opens inside the client center, under Support",
            trigger: ".o_client_center[data-active-panel=support] .o_client_center_support_ticket_page",
            extra_trigger: ".breadcrumb:contains('Support'):not(:contains('Tasks'))",
            isCheck: true,
        },
        ...answerIsShownSteps(),
    ],
});

/**
 * The client answers a solved ticket in the client center: the page shows
 * the stage the ticket moved to.
 */
registry.category("web_tour.tours").add("project_support_ticket_reply_tour", {
    test: true,
    steps: () => [
        {
            content: "The ticket is solved",
            trigger: ".o_client_center_support_stage:contains('Solved')",
            isCheck: true,
        },
        {
            content: "Write an answer",
            trigger: ".o_portal_chatter_composer textarea[name=message]",
            run: "text It happens again since this morning.",
        },
        {
            content: "Send it",
            trigger: ".o_portal_chatter_composer_btn",
        },
        {
            content: "The page shows the stage the reply moved the ticket to",
            trigger: ".o_client_center_support_stage:contains('In progress')",
            extra_trigger: ".o_portal_chatter_message:contains('It happens again since this morning.')",
            isCheck: true,
        },
    ],
});

/**
 * Backend, as the expert: answer the ticket in its chatter.
 */
registry.category("web_tour.tours").add("project_support_ticket_expert_answer_tour", {
    test: true,
    steps: () => [
        {
            content: "Answer the client with Send message",
            trigger: ".o-mail-Chatter button:contains(Send message)",
        },
        {
            content: "Write the answer",
            trigger: ".o-mail-Composer-input",
            run: `text ${ANSWER}, the link opens in Chrome and Firefox.`,
        },
        {
            content: "Send it",
            trigger: ".o-mail-Composer-send:enabled",
        },
        {
            content: "The answer is in the chatter",
            trigger: `.o-mail-Message-body:contains('${ANSWER}')`,
            isCheck: true,
        },
    ],
});
