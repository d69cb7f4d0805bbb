/** @odoo-module **/

import { registry } from "@web/core/registry";

const EXPERT_MESSAGE = "Hello, how did the breathing exercise go?";
const CLIENT_ANSWER = "It helped, thank you!";

/**
 * Backend, as the expert: from the client's contact form, "Chat" opens the
 * client center conversation in Discuss; the expert writes to the client.
 */
registry.category("web_tour.tours").add("client_center_expert_chat_tour", {
    test: true,
    steps: () => [
        {
            content: "Chat with the client from its contact form",
            trigger: ".o_form_view .o_client_center_chat_button",
        },
        {
            content: "Discuss opens the conversation with the client",
            trigger: ".o-mail-Discuss .o-mail-Composer-input",
            run: `text ${EXPERT_MESSAGE}`,
        },
        {
            content: "Send it",
            trigger: ".o-mail-Composer-send:enabled",
        },
        {
            content: "The message is in the conversation",
            trigger: `.o-mail-Message-body:contains('${EXPERT_MESSAGE}')`,
            isCheck: true,
        },
    ],
});

/**
 * Portal, as the client: the expert's message is in the client center's
 * chat; the client answers there.
 */
registry.category("web_tour.tours").add("client_center_client_chat_tour", {
    test: true,
    url: "/client-center",
    steps: () => [
        {
            content: "The conversation with the expert is shown",
            trigger: ".o_client_center_chat_title:contains('Chat with Expert A and support')",
            isCheck: true,
        },
        {
            content: "The expert's message is there",
            trigger: `.o_client_center_chat_message.o_theirs:contains('${EXPERT_MESSAGE}')`,
            isCheck: true,
        },
        {
            content: "Answer",
            trigger: ".o_client_center_chat textarea[name=body]",
            run: `text ${CLIENT_ANSWER}`,
        },
        {
            content: "Send",
            trigger: ".o_client_center_chat_send",
        },
        {
            content: "The answer is in the conversation",
            trigger: `.o_client_center_chat_message.o_mine:contains('${CLIENT_ANSWER}')`,
            isCheck: true,
        },
    ],
});

/**
 * Backend, as the expert: the client's answer is in Discuss.
 */
registry.category("web_tour.tours").add("client_center_expert_reads_tour", {
    test: true,
    steps: () => [
        {
            content: "The client's answer is in the conversation",
            trigger: `.o-mail-Message-body:contains('${CLIENT_ANSWER}')`,
            isCheck: true,
        },
    ],
});

/**
 * Backend, as the expert: Discuss's "Start a conversation" finds its client
 * and opens the client center conversation.
 */
registry.category("web_tour.tours").add("client_center_discuss_search_tour", {
    test: true,
    steps: () => [
        {
            content: "Start a conversation",
            trigger: ".o-mail-DiscussSidebarCategory-chat .o-mail-DiscussSidebarCategory-add",
        },
        {
            content: "Search the client",
            trigger: ".o-discuss-ChannelSelector input",
            run: "text Client A",
        },
        {
            content: "Pick the client",
            trigger: ".o-discuss-ChannelSelector-suggestion:contains('Client A')",
        },
        {
            content: "Open the conversation with the chosen client",
            trigger: ".o-discuss-ChannelSelector:contains('Client A') input",
            run() {
                this.$anchor[0].dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
            },
        },
        {
            content: "The client center conversation is open",
            trigger: ".o-mail-Discuss-threadName[title*='Client A, Expert A']",
            extra_trigger: ".o-mail-Discuss .o-mail-Composer-input",
            isCheck: true,
        },
    ],
});
