/**
 * A trimmed capabilities document. Add-ons and some clients discover the API base
 * from `links.api` rather than hard-coding it, so that link must point back here.
 */
export function capabilitiesDocument(baseUrl: string): unknown {
  return {
    name: 'HipChat',
    key: 'hipchat',
    description: 'HipChat REST API v2 simulator (room notifications only)',
    links: { self: `${baseUrl}/v2/capabilities`, api: `${baseUrl}/v2` },
    capabilities: {
      hipchatApiProvider: {
        url: `${baseUrl}/v2/`,
        availableScopes: {
          send_notification: {
            id: 'send_notification',
            name: 'Send Notification',
            description: 'Send room notifications',
          },
        },
      },
    },
  };
}
