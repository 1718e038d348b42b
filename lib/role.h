/* lib/role.h: the staff roles (审核员, 财务, 制证员, 管理员) as bits, combined into masks on routes and in the order's life table. */
#ifndef CERTDESK_ROLE_H
#define CERTDESK_ROLE_H

#define ROLE_REVIEWER 0x1
#define ROLE_FINANCE  0x2
#define ROLE_PRODUCER 0x4
#define ROLE_ADMIN    0x8
#define ROLE_ANY      0xf	/* an admin's mask: every role */

#endif
