<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ApprovalDialog</name>
    <message>
        <location filename="../../app/approval.py" line="52"/>
        <source>Supervisor approval</source>
        <translation>Supervisor approval</translation>
    </message>
    <message>
        <location filename="../../app/approval.py" line="56"/>
        <source>A supervisor must approve this</source>
        <translation>A supervisor must approve this</translation>
    </message>
    <message>
        <location filename="../../app/approval.py" line="64"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../app/approval.py" line="67"/>
        <source>Approve</source>
        <translation>Approve</translation>
    </message>
    <message>
        <location filename="../../app/approval.py" line="89"/>
        <source>Redeem points worth {value}</source>
        <translation>Redeem points worth {value}</translation>
    </message>
    <message>
        <location filename="../../app/approval.py" line="90"/>
        <source>Pay {value} from stored value</source>
        <translation>Pay {value} from stored value</translation>
    </message>
    <message>
        <location filename="../../app/approval.py" line="91"/>
        <source>Top up {value}</source>
        <translation>Top up {value}</translation>
    </message>
    <message>
        <location filename="../../app/approval.py" line="92"/>
        <source>Sell a gift card of {value}</source>
        <translation>Sell a gift card of {value}</translation>
    </message>
    <message>
        <location filename="../../app/approval.py" line="93"/>
        <source>Refund {value}</source>
        <translation>Refund {value}</translation>
    </message>
    <message>
        <location filename="../../app/approval.py" line="95"/>
        <source>Pay {value} from stored value while head office cannot be reached</source>
        <translation>Pay {value} from stored value while head office cannot be reached</translation>
    </message>
    <message>
        <location filename="../../app/approval.py" line="98"/>
        <source>Use points, a voucher or a reward while head office cannot be reached</source>
        <translation>Use points, a voucher or a reward while head office cannot be reached</translation>
    </message>
    <message>
        <location filename="../../app/approval.py" line="100"/>
        <source>Operation of {value}</source>
        <translation>Operation of {value}</translation>
    </message>
    <message>
        <location filename="../../app/approval.py" line="102"/>
        <source>Replace a lost or damaged card</source>
        <translation>Replace a lost or damaged card</translation>
    </message>
    <message>
        <location filename="../../app/approval.py" line="107"/>
        <source>{points} points</source>
        <translation>{points} points</translation>
    </message>
    <message>
        <location filename="../../app/approval.py" line="115"/>
        <source>Limit without approval: {limit}</source>
        <translation>Limit without approval: {limit}</translation>
    </message>
    <message>
        <location filename="../../app/approval.py" line="156"/>
        <source>Type the supervisor&apos;s code and PIN.</source>
        <translation>Type the supervisor&apos;s code and PIN.</translation>
    </message>
</context>
<context>
    <name>ChipRow</name>
    <message>
        <location filename="../../app/dialogs.py" line="387"/>
        <source>Tap a chip card with no number to link it</source>
        <translation>Tap a chip card with no number to link it</translation>
    </message>
    <message>
        <location filename="../../app/dialogs.py" line="395"/>
        <source>Chip {uid} will be linked to the new card</source>
        <translation>Chip {uid} will be linked to the new card</translation>
    </message>
</context>
<context>
    <name>Counter</name>
    <message>
        <location filename="../../app/flows.py" line="449"/>
        <source>{plan}, active until {date}</source>
        <translation>{plan}, active until {date}</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="452"/>
        <source>{plan}, expired on {date}</source>
        <translation>{plan}, expired on {date}</translation>
    </message>
</context>
<context>
    <name>CounterPage</name>
    <message>
        <location filename="../../app/counter.py" line="88"/>
        <source>Card number, phone or name, then Enter</source>
        <translation>Card number, phone or name, then Enter</translation>
    </message>
    <message>
        <location filename="../../app/counter.py" line="91"/>
        <source>Find</source>
        <translation>Find</translation>
    </message>
    <message>
        <location filename="../../app/counter.py" line="96"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../app/counter.py" line="106"/>
        <source>Sale</source>
        <translation>Sale</translation>
    </message>
    <message>
        <location filename="../../app/counter.py" line="108"/>
        <source>Top up</source>
        <translation>Top up</translation>
    </message>
    <message>
        <location filename="../../app/counter.py" line="109"/>
        <source>Sell gift card</source>
        <translation>Sell gift card</translation>
    </message>
    <message>
        <location filename="../../app/counter.py" line="110"/>
        <source>Enrol member</source>
        <translation>Enrol member</translation>
    </message>
    <message>
        <location filename="../../app/counter.py" line="111"/>
        <source>Print slip</source>
        <translation>Print slip</translation>
    </message>
    <message>
        <location filename="../../app/counter.py" line="112"/>
        <source>Next customer</source>
        <translation>Next customer</translation>
    </message>
    <message>
        <location filename="../../app/counter.py" line="113"/>
        <source>Lock</source>
        <translation>Lock</translation>
    </message>
    <message>
        <location filename="../../app/counter.py" line="114"/>
        <source>Shift report</source>
        <translation>Shift report</translation>
    </message>
    <message>
        <location filename="../../app/counter.py" line="115"/>
        <source>Refund</source>
        <translation>Refund</translation>
    </message>
    <message>
        <location filename="../../app/counter.py" line="116"/>
        <source>Rewards</source>
        <translation>Rewards</translation>
    </message>
    <message>
        <location filename="../../app/counter.py" line="117"/>
        <source>Replace card</source>
        <translation>Replace card</translation>
    </message>
    <message>
        <location filename="../../app/counter.py" line="118"/>
        <source>Membership</source>
        <translation>Membership</translation>
    </message>
    <message>
        <location filename="../../app/counter.py" line="119"/>
        <source>Find member</source>
        <translation>Find member</translation>
    </message>
    <message>
        <location filename="../../app/counter.py" line="150"/>
        <source>Last slip</source>
        <translation>Last slip</translation>
    </message>
    <message>
        <location filename="../../app/counter.py" line="156"/>
        <source>The slip of the next operation appears here.</source>
        <translation>The slip of the next operation appears here.</translation>
    </message>
    <message>
        <location filename="../../app/counter.py" line="187"/>
        <source>Sale of {amount}: Enter to pay</source>
        <translation>Sale of {amount}: Enter to pay</translation>
    </message>
    <message>
        <location filename="../../app/counter.py" line="229"/>
        <source>No member has this phone number.</source>
        <translation>No member has this phone number.</translation>
    </message>
    <message>
        <location filename="../../app/counter.py" line="235"/>
        <source>Member of another store: {name} ({cards}). Present the card.</source>
        <translation>Member of another store: {name} ({cards}). Present the card.</translation>
    </message>
    <message>
        <location filename="../../app/counter.py" line="356"/>
        <source>The card cannot be used; selling without it.</source>
        <translation>The card cannot be used; selling without it.</translation>
    </message>
    <message>
        <location filename="../../app/counter.py" line="371"/>
        <source>Present a card that collects points first.</source>
        <translation>Present a card that collects points first.</translation>
    </message>
    <message>
        <location filename="../../app/counter.py" line="378"/>
        <source>Find the card to replace first.</source>
        <translation>Find the card to replace first.</translation>
    </message>
    <message>
        <location filename="../../app/counter.py" line="385"/>
        <source>Present a member&apos;s card first.</source>
        <translation>Present a member&apos;s card first.</translation>
    </message>
    <message>
        <location filename="../../app/counter.py" line="392"/>
        <source>Present a prepaid card first.</source>
        <translation>Present a prepaid card first.</translation>
    </message>
    <message>
        <location filename="../../app/counter.py" line="440"/>
        <source>Sale done. Next customer: present the card.</source>
        <translation>Sale done. Next customer: present the card.</translation>
    </message>
    <message>
        <location filename="../../app/counter.py" line="445"/>
        <source>New card {number}: moved {points} points and {amount}.</source>
        <translation>New card {number}: moved {points} points and {amount}.</translation>
    </message>
    <message>
        <location filename="../../app/counter.py" line="485"/>
        <source>Slip printed.</source>
        <translation>Slip printed.</translation>
    </message>
</context>
<context>
    <name>CustomerDisplay</name>
    <message>
        <location filename="../../app/customer_display.py" line="46"/>
        <source>To pay</source>
        <translation>To pay</translation>
    </message>
    <message>
        <location filename="../../app/customer_display.py" line="49"/>
        <source>Thank you!</source>
        <translation>Thank you!</translation>
    </message>
    <message>
        <location filename="../../app/customer_display.py" line="51"/>
        <source>Change</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../app/customer_display.py" line="53"/>
        <source>See you again</source>
        <translation>See you again</translation>
    </message>
    <message>
        <location filename="../../app/customer_display.py" line="59"/>
        <source>Customer display: {problem}</source>
        <translation>Customer display: {problem}</translation>
    </message>
</context>
<context>
    <name>CustomerPanel</name>
    <message>
        <location filename="../../app/customer.py" line="50"/>
        <source>Birthday!</source>
        <translation>Birthday!</translation>
    </message>
    <message>
        <location filename="../../app/customer.py" line="59"/>
        <source>Why this tier?</source>
        <translation>Why this tier?</translation>
    </message>
    <message>
        <location filename="../../app/customer.py" line="93"/>
        <source>Points</source>
        <translation>Points</translation>
    </message>
    <message>
        <location filename="../../app/customer.py" line="94"/>
        <source>Expiring within 30 days</source>
        <translation>Expiring within 30 days</translation>
    </message>
    <message>
        <location filename="../../app/customer.py" line="95"/>
        <source>Stored value</source>
        <translation>Stored value</translation>
    </message>
    <message>
        <location filename="../../app/customer.py" line="96"/>
        <source>Card</source>
        <translation>Card</translation>
    </message>
    <message>
        <location filename="../../app/customer.py" line="97"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/customer.py" line="112"/>
        <source>Vouchers</source>
        <translation>Vouchers</translation>
    </message>
    <message>
        <location filename="../../app/customer.py" line="156"/>
        <source>Present a card, or type a card number or phone number above.</source>
        <translation>Present a card, or type a card number or phone number above.</translation>
    </message>
    <message>
        <location filename="../../app/customer.py" line="188"/>
        <source>Member of another store (details need head office)</source>
        <translation>Member of another store (details need head office)</translation>
    </message>
    <message>
        <location filename="../../app/customer.py" line="194"/>
        <source>Tier: {tier}</source>
        <translation>Tier: {tier}</translation>
    </message>
    <message>
        <location filename="../../app/customer.py" line="196"/>
        <source>{pct}% discount</source>
        <translation>{pct}% discount</translation>
    </message>
    <message>
        <location filename="../../app/customer.py" line="207"/>
        <source>{amount} more to reach {tier}</source>
        <translation>{amount} more to reach {tier}</translation>
    </message>
    <message>
        <location filename="../../app/customer.py" line="214"/>
        <source>Highest tier</source>
        <translation>Highest tier</translation>
    </message>
    <message>
        <location filename="../../app/customer.py" line="218"/>
        <source>No member on this card</source>
        <translation>No member on this card</translation>
    </message>
    <message>
        <location filename="../../app/customer.py" line="229"/>
        <source>{points} points</source>
        <translation>{points} points</translation>
    </message>
    <message>
        <location filename="../../app/customer.py" line="238"/>
        <source>valid until {date}</source>
        <translation>valid until {date}</translation>
    </message>
    <message>
        <location filename="../../app/customer.py" line="251"/>
        <source>stored value overdrawn</source>
        <translation>stored value overdrawn</translation>
    </message>
    <message>
        <location filename="../../app/customer.py" line="252"/>
        <source>points overdrawn</source>
        <translation>points overdrawn</translation>
    </message>
    <message>
        <location filename="../../app/customer.py" line="253"/>
        <source>voucher used more than allowed</source>
        <translation>voucher used more than allowed</translation>
    </message>
    <message>
        <location filename="../../app/customer.py" line="254"/>
        <source>reward given beyond stock</source>
        <translation>reward given beyond stock</translation>
    </message>
    <message>
        <location filename="../../app/customer.py" line="257"/>
        <source>flagged by head office: {reasons}</source>
        <translation>flagged by head office: {reasons}</translation>
    </message>
    <message>
        <location filename="../../app/customer.py" line="268"/>
        <source>{pct}% back to the card</source>
        <translation>{pct}% back to the card</translation>
    </message>
    <message>
        <location filename="../../app/customer.py" line="272"/>
        <source>points {mult}</source>
        <translation>points {mult}</translation>
    </message>
    <message>
        <location filename="../../app/customer.py" line="281"/>
        <source>Discount card: {pct}% discount unlocked this period</source>
        <translation>Discount card: {pct}% discount unlocked this period</translation>
    </message>
    <message>
        <location filename="../../app/customer.py" line="285"/>
        <source>Discount card: {amount} more to get {pct}% off</source>
        <translation>Discount card: {amount} more to get {pct}% off</translation>
    </message>
    <message>
        <location filename="../../app/customer.py" line="293"/>
        <source>{plan}: active until {date}</source>
        <translation>{plan}: active until {date}</translation>
    </message>
    <message>
        <location filename="../../app/customer.py" line="295"/>
        <source>{plan}: expired on {date}</source>
        <translation>{plan}: expired on {date}</translation>
    </message>
    <message>
        <location filename="../../app/customer.py" line="310"/>
        <source>{pct}% discount ({source})</source>
        <translation>{pct}% discount ({source})</translation>
    </message>
    <message>
        <location filename="../../app/customer.py" line="336"/>
        <source>Valid until {date}</source>
        <translation>Valid until {date}</translation>
    </message>
    <message>
        <location filename="../../app/customer.py" line="338"/>
        <source>minimum spend {amount}</source>
        <translation>minimum spend {amount}</translation>
    </message>
    <message>
        <location filename="../../app/customer.py" line="351"/>
        <source>Qualifying spend over the last {days} days: {amount}.</source>
        <translation>Qualifying spend over the last {days} days: {amount}.</translation>
    </message>
    <message>
        <location filename="../../app/customer.py" line="357"/>
        <source>{amount} more to keep {tier} at the next review.</source>
        <translation>{amount} more to keep {tier} at the next review.</translation>
    </message>
    <message>
        <location filename="../../app/customer.py" line="362"/>
        <source>{tier} is kept at the next review.</source>
        <translation>{tier} is kept at the next review.</translation>
    </message>
    <message>
        <location filename="../../app/customer.py" line="365"/>
        <source>{amount} more reaches {tier} at once.</source>
        <translation>{amount} more reaches {tier} at once.</translation>
    </message>
</context>
<context>
    <name>EnrollDialog</name>
    <message>
        <location filename="../../app/dialogs.py" line="287"/>
        <source>Enrol member</source>
        <translation>Enrol member</translation>
    </message>
    <message>
        <location filename="../../app/dialogs.py" line="289"/>
        <source>Full name</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../app/dialogs.py" line="291"/>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../app/dialogs.py" line="294"/>
        <source>Birthday</source>
        <translation>Birthday</translation>
    </message>
    <message>
        <location filename="../../app/dialogs.py" line="296"/>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../../app/dialogs.py" line="298"/>
        <source>Card or phone of the member who recommended</source>
        <translation>Card or phone of the member who recommended</translation>
    </message>
    <message>
        <location filename="../../app/dialogs.py" line="299"/>
        <source>Referred by</source>
        <translation>Referred by</translation>
    </message>
    <message>
        <location filename="../../app/dialogs.py" line="309"/>
        <source>Card kind</source>
        <translation>Card kind</translation>
    </message>
    <message>
        <location filename="../../app/dialogs.py" line="311"/>
        <source>Present the card, or leave empty for a new one</source>
        <translation>Present the card, or leave empty for a new one</translation>
    </message>
    <message>
        <location filename="../../app/dialogs.py" line="312"/>
        <source>Card</source>
        <translation>Card</translation>
    </message>
    <message>
        <location filename="../../app/dialogs.py" line="314"/>
        <source>Chip card</source>
        <translation>Chip card</translation>
    </message>
    <message>
        <location filename="../../app/dialogs.py" line="350"/>
        <source>Type the birthday as dd/mm/yyyy, e.g. 03/12/1995.</source>
        <translation>Type the birthday as dd/mm/yyyy, e.g. 03/12/1995.</translation>
    </message>
    <message>
        <location filename="../../app/dialogs.py" line="300"/>
        <source>Agrees to receive offers</source>
        <translation>Agrees to receive offers</translation>
    </message>
    <message>
        <location filename="../../app/dialogs.py" line="293"/>
        <source>dd/mm/yyyy</source>
        <translation>dd/mm/yyyy</translation>
    </message>
    <message>
        <location filename="../../app/dialogs.py" line="301"/>
        <source>Agrees to receive SMS</source>
        <translation>Agrees to receive SMS</translation>
    </message>
    <message>
        <location filename="../../app/dialogs.py" line="348"/>
        <source>Type the member&apos;s full name.</source>
        <translation>Type the member&apos;s full name.</translation>
    </message>
</context>
<context>
    <name>GiftCardDialog</name>
    <message>
        <location filename="../../app/dialogs.py" line="248"/>
        <source>Sell gift card</source>
        <translation>Sell gift card</translation>
    </message>
    <message>
        <location filename="../../app/dialogs.py" line="251"/>
        <source>Amount loaded (paid in cash)</source>
        <translation>Amount loaded (paid in cash)</translation>
    </message>
    <message>
        <location filename="../../app/dialogs.py" line="255"/>
        <source>Present the card, or leave empty for a new one</source>
        <translation>Present the card, or leave empty for a new one</translation>
    </message>
    <message>
        <location filename="../../app/dialogs.py" line="256"/>
        <source>Gift card</source>
        <translation>Gift card</translation>
    </message>
    <message>
        <location filename="../../app/dialogs.py" line="263"/>
        <source>Type the amount of the gift card.</source>
        <translation>Type the amount of the gift card.</translation>
    </message>
</context>
<context>
    <name>HourChart</name>
    <message>
        <location filename="../../app/supervisor.py" line="60"/>
        <source>No sales yet.</source>
        <translation>No sales yet.</translation>
    </message>
</context>
<context>
    <name>LockPage</name>
    <message>
        <location filename="../../app/login.py" line="163"/>
        <source>Till locked</source>
        <translation>Till locked</translation>
    </message>
    <message>
        <location filename="../../app/login.py" line="173"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../../app/login.py" line="180"/>
        <source>Unlock</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location filename="../../app/login.py" line="184"/>
        <source>Switch cashier</source>
        <translation>Switch cashier</translation>
    </message>
    <message>
        <location filename="../../app/login.py" line="191"/>
        <source>Locked by {name}. Type your PIN to continue.</source>
        <translation>Locked by {name}. Type your PIN to continue.</translation>
    </message>
    <message>
        <location filename="../../app/login.py" line="216"/>
        <source>Only {name} can unlock. Use Switch cashier.</source>
        <translation>Only {name} can unlock. Use Switch cashier.</translation>
    </message>
</context>
<context>
    <name>LoginPage</name>
    <message>
        <location filename="../../app/login.py" line="58"/>
        <source>Staff log-in</source>
        <translation>Staff log-in</translation>
    </message>
    <message>
        <location filename="../../app/login.py" line="76"/>
        <source>Staff code</source>
        <translation>Staff code</translation>
    </message>
    <message>
        <location filename="../../app/login.py" line="77"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../../app/login.py" line="79"/>
        <source>…or present your staff card on the reader.</source>
        <translation>…or present your staff card on the reader.</translation>
    </message>
    <message>
        <location filename="../../app/login.py" line="87"/>
        <source>Log in</source>
        <translation>Log in</translation>
    </message>
    <message>
        <location filename="../../app/login.py" line="99"/>
        <source>Opening the database…</source>
        <translation>Opening the database…</translation>
    </message>
    <message>
        <location filename="../../app/login.py" line="122"/>
        <source>Type your staff code and PIN.</source>
        <translation>Type your staff code and PIN.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/mainwindow.py" line="63"/>
        <source>Loyalty POS</source>
        <translation>Loyalty POS</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.py" line="95"/>
        <source>&amp;Till</source>
        <translation>&amp;Till</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.py" line="96"/>
        <source>Lock (F12)</source>
        <translation>Lock (F12)</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.py" line="98"/>
        <source>Switch cashier</source>
        <translation>Switch cashier</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.py" line="100"/>
        <source>Supervisor screen</source>
        <translation>Supervisor screen</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.py" line="105"/>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.py" line="110"/>
        <source>Quit</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.py" line="112"/>
        <source>&amp;Language</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.py" line="122"/>
        <source>&amp;Demo</source>
        <translation>&amp;Demo</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.py" line="124"/>
        <source>Member (birthday today)</source>
        <translation>Member (birthday today)</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.py" line="125"/>
        <source>Gold member</source>
        <translation>Gold member</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.py" line="126"/>
        <source>Member + prepaid card</source>
        <translation>Member + prepaid card</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.py" line="127"/>
        <source>Prepaid card</source>
        <translation>Prepaid card</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.py" line="128"/>
        <source>Gift card</source>
        <translation>Gift card</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.py" line="129"/>
        <source>Discount card</source>
        <translation>Discount card</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.py" line="130"/>
        <source>Blocked card</source>
        <translation>Blocked card</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.py" line="131"/>
        <source>New gift card (not sold)</source>
        <translation>New gift card (not sold)</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.py" line="134"/>
        <source>Present: {card}</source>
        <translation>Present: {card}</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.py" line="138"/>
        <source>Present: a bank card (refused)</source>
        <translation>Present: a bank card (refused)</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.py" line="145"/>
        <source>Present: supervisor&apos;s staff card</source>
        <translation>Present: supervisor&apos;s staff card</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.py" line="146"/>
        <source>Present: cashier&apos;s staff card</source>
        <translation>Present: cashier&apos;s staff card</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.py" line="248"/>
        <source>Only a supervisor or manager can open this.</source>
        <translation>Only a supervisor or manager can open this.</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.py" line="270"/>
        <source>Only a supervisor or manager can change the settings.</source>
        <translation>Only a supervisor or manager can change the settings.</translation>
    </message>
</context>
<context>
    <name>MemberSearchDialog</name>
    <message>
        <location filename="../../app/search.py" line="59"/>
        <location filename="../../app/search.py" line="62"/>
        <source>Find a member</source>
        <translation>Find a member</translation>
    </message>
    <message>
        <location filename="../../app/search.py" line="69"/>
        <source>Name (accents optional) or the last 6 digits of the phone</source>
        <translation>Name (accents optional) or the last 6 digits of the phone</translation>
    </message>
    <message>
        <location filename="../../app/search.py" line="74"/>
        <source>Members</source>
        <translation>Members</translation>
    </message>
    <message>
        <location filename="../../app/search.py" line="80"/>
        <source>Cards of the member</source>
        <translation>Cards of the member</translation>
    </message>
    <message>
        <location filename="../../app/search.py" line="94"/>
        <source>Back</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../app/search.py" line="96"/>
        <source>Open card</source>
        <translation>Open card</translation>
    </message>
    <message>
        <location filename="../../app/search.py" line="180"/>
        <source>This member has no card.</source>
        <translation>This member has no card.</translation>
    </message>
    <message>
        <location filename="../../app/search.py" line="194"/>
        <source>Type at least 2 letters of the name or 6 digits of the phone.</source>
        <translation>Type at least 2 letters of the name or 6 digits of the phone.</translation>
    </message>
    <message>
        <location filename="../../app/search.py" line="225"/>
        <source>{count} found: arrows to choose, Enter to open.</source>
        <translation>{count} found: arrows to choose, Enter to open.</translation>
    </message>
    <message>
        <location filename="../../app/search.py" line="230"/>
        <source>No member found.</source>
        <translation>No member found.</translation>
    </message>
    <message>
        <location filename="../../app/search.py" line="240"/>
        <source>cards: {count}</source>
        <translation>cards: {count}</translation>
    </message>
</context>
<context>
    <name>MembershipDialog</name>
    <message>
        <location filename="../../app/flows.py" line="369"/>
        <source>Paid membership</source>
        <translation>Paid membership</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="374"/>
        <source>Member</source>
        <translation>Member</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="377"/>
        <source>Now</source>
        <translation>Now</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="377"/>
        <source>None</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="383"/>
        <source>Plan</source>
        <translation>Plan</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="384"/>
        <source>Fee (cash)</source>
        <translation>Fee (cash)</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="385"/>
        <source>Term</source>
        <translation>Term</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="386"/>
        <source>Benefits</source>
        <translation>Benefits</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="401"/>
        <source>No membership plans are offered.</source>
        <translation>No membership plans are offered.</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="415"/>
        <source>{days} days</source>
        <translation>{days} days</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="419"/>
        <source>{pct}% discount</source>
        <translation>{pct}% discount</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="423"/>
        <source>points {mult}</source>
        <translation>points {mult}</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="430"/>
        <source>Choose a membership plan.</source>
        <translation>Choose a membership plan.</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../../app/mainwindow.py" line="343"/>
        <source>This card is not known at this till.</source>
        <translation>This card is not known at this till.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="24"/>
        <source>This card is blocked. Reason: {reason}</source>
        <translation>This card is blocked. Reason: {reason}</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="27"/>
        <source>This card has not been activated yet.</source>
        <translation>This card has not been activated yet.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="30"/>
        <source>This card is closed and can no longer be used.</source>
        <translation>This card is closed and can no longer be used.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="33"/>
        <source>This card expired on {expires_on}.</source>
        <translation>This card expired on {expires_on}.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="36"/>
        <source>Expiry and tier review run once for the whole chain at head office, not at a till.</source>
        <translation>Expiry and tier review run once for the whole chain at head office, not at a till.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="39"/>
        <source>Card {masked} is not known at this till.</source>
        <translation>Card {masked} is not known at this till.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="42"/>
        <source>Card {masked} is not one of our cards. Payment cards cannot be used here.</source>
        <translation>Card {masked} is not one of our cards. Payment cards cannot be used here.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="45"/>
        <source>Card {masked} is not a card of that kind.</source>
        <translation>Card {masked} is not a card of that kind.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="48"/>
        <source>Card {masked} has already been issued.</source>
        <translation>Card {masked} has already been issued.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="51"/>
        <source>This card does not collect points.</source>
        <translation>This card does not collect points.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="54"/>
        <source>This card carries no stored value.</source>
        <translation>This card carries no stored value.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="57"/>
        <source>Only prepaid and combined cards can be topped up.</source>
        <translation>Only prepaid and combined cards can be topped up.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="60"/>
        <source>Only a new card can be activated.</source>
        <translation>Only a new card can be activated.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="63"/>
        <source>The card status cannot change that way.</source>
        <translation>The card status cannot change that way.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="66"/>
        <source>Unknown card kind.</source>
        <translation>Unknown card kind.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="67"/>
        <source>That is not the chip number of a contactless card. Tap the card again.</source>
        <translation>That is not the chip number of a contactless card. Tap the card again.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="70"/>
        <source>This chip card is already linked to card {masked}.</source>
        <translation>This chip card is already linked to card {masked}.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="73"/>
        <source>A chip can be linked only to a new card: leave the card number empty.</source>
        <translation>A chip can be linked only to a new card: leave the card number empty.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="76"/>
        <source>Not enough points: the card has {available} points.</source>
        <translation>Not enough points: the card has {available} points.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="79"/>
        <source>Points would pay more than the bill: at most {max_points} points.</source>
        <translation>Points would pay more than the bill: at most {max_points} points.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="82"/>
        <source>The card&apos;s points do not add up; call head office.</source>
        <translation>The card&apos;s points do not add up; call head office.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="85"/>
        <source>Not enough stored value: the card holds {available_vnd}.</source>
        <translation>Not enough stored value: the card holds {available_vnd}.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="88"/>
        <source>Stored value would pay more than the bill: at most {max_amount_vnd}.</source>
        <translation>Stored value would pay more than the bill: at most {max_amount_vnd}.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="91"/>
        <source>Head office does not hold that much on this card (it holds {available_vnd}).</source>
        <translation>Head office does not hold that much on this card (it holds {available_vnd}).</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="94"/>
        <source>Another store sold this card: only a small amount can be used here.</source>
        <translation>Another store sold this card: only a small amount can be used here.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="97"/>
        <source>Type the amount as a whole number of đồng.</source>
        <translation>Type the amount as a whole number of đồng.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="100"/>
        <source>The amount is not valid.</source>
        <translation>The amount is not valid.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="103"/>
        <source>A top-up can be at most {max_vnd}.</source>
        <translation>A top-up can be at most {max_vnd}.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="106"/>
        <source>A gift card can hold at most {max_vnd}.</source>
        <translation>A gift card can hold at most {max_vnd}.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="109"/>
        <source>No receipt printer is set up. The slip is kept on screen; nothing is lost.</source>
        <translation>No receipt printer is set up. The slip is kept on screen; nothing is lost.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="112"/>
        <source>The receipt printer does not answer. Check it is on and connected, then press Print.</source>
        <translation>The receipt printer does not answer. Check it is on and connected, then press Print.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="116"/>
        <source>The printer is out of paper. Load a roll and press Print.</source>
        <translation>The printer is out of paper. Load a roll and press Print.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="119"/>
        <source>Printing failed. Check the printer and press Print again.</source>
        <translation>Printing failed. Check the printer and press Print again.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="122"/>
        <source>The printer&apos;s code page must be CP1258, or CP1258:&lt;number&gt; for the printer&apos;s own table number (Settings).</source>
        <translation>The printer&apos;s code page must be CP1258, or CP1258:&lt;number&gt; for the printer&apos;s own table number (Settings).</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="127"/>
        <source>the display&apos;s port cannot be opened; check the cable and the port in Settings.</source>
        <translation>the display&apos;s port cannot be opened; check the cable and the port in Settings.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="130"/>
        <source>the display did not take the text; check its cable.</source>
        <translation>the display did not take the text; check its cable.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="133"/>
        <source>The referring member is not known.</source>
        <translation>The referring member is not known.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="136"/>
        <source>This card has no member.</source>
        <translation>This card has no member.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="173"/>
        <source>That sale is not known at this till.</source>
        <translation>That sale is not known at this till.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="176"/>
        <source>This sale has already been fully refunded.</source>
        <translation>This sale has already been fully refunded.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="179"/>
        <source>The refund is more than what is left of the sale.</source>
        <translation>The refund is more than what is left of the sale.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="182"/>
        <source>That shift is not known at this till.</source>
        <translation>That shift is not known at this till.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="185"/>
        <source>This shift is already closed.</source>
        <translation>This shift is already closed.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="186"/>
        <source>The cash counted differs from the expected drawer: type the reason.</source>
        <translation>The cash counted differs from the expected drawer: type the reason.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="189"/>
        <source>Head office and this till disagree about the journal; call head office.</source>
        <translation>Head office and this till disagree about the journal; call head office.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="192"/>
        <source>A tier here conflicts with head office&apos;s tiers; call head office.</source>
        <translation>A tier here conflicts with head office&apos;s tiers; call head office.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="195"/>
        <source>A staff member here conflicts with head office; call head office.</source>
        <translation>A staff member here conflicts with head office; call head office.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="198"/>
        <source>A journal entry failed its integrity check; call head office.</source>
        <translation>A journal entry failed its integrity check; call head office.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="201"/>
        <source>This till already holds data: only an empty till joins from a snapshot.</source>
        <translation>This till already holds data: only an empty till joins from a snapshot.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="204"/>
        <source>Head office&apos;s snapshot could not be used; nothing was loaded. Try again.</source>
        <translation>Head office&apos;s snapshot could not be used; nothing was loaded. Try again.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="207"/>
        <source>The ledger refused an entry of this operation; nothing was saved. Call head office.</source>
        <translation>The ledger refused an entry of this operation; nothing was saved. Call head office.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="210"/>
        <source>Unknown voucher code.</source>
        <translation>Unknown voucher code.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="211"/>
        <source>A voucher code is 3 to 32 letters, digits or dashes.</source>
        <translation>A voucher code is 3 to 32 letters, digits or dashes.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="214"/>
        <source>This voucher is not valid yet.</source>
        <translation>This voucher is not valid yet.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="217"/>
        <source>This voucher has expired.</source>
        <translation>This voucher has expired.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="218"/>
        <source>This voucher has already been used.</source>
        <translation>This voucher has already been used.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="221"/>
        <source>This voucher belongs to another customer.</source>
        <translation>This voucher belongs to another customer.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="224"/>
        <source>The bill is below this voucher&apos;s minimum spend of {min_spend_vnd}.</source>
        <translation>The bill is below this voucher&apos;s minimum spend of {min_spend_vnd}.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="227"/>
        <source>A voucher is a percentage or a fixed amount.</source>
        <translation>A voucher is a percentage or a fixed amount.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="230"/>
        <source>A percentage voucher is at most 100 %.</source>
        <translation>A percentage voucher is at most 100 %.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="233"/>
        <source>The number of vouchers or uses is out of range.</source>
        <translation>The number of vouchers or uses is out of range.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="236"/>
        <source>The voucher dates are not valid.</source>
        <translation>The voucher dates are not valid.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="239"/>
        <source>That voucher code already exists.</source>
        <translation>That voucher code already exists.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="242"/>
        <source>Unknown reward.</source>
        <translation>Unknown reward.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="243"/>
        <source>This reward is out of stock.</source>
        <translation>This reward is out of stock.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="246"/>
        <source>Unknown membership plan.</source>
        <translation>Unknown membership plan.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="249"/>
        <source>There is no agreement with this partner.</source>
        <translation>There is no agreement with this partner.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="252"/>
        <source>This partner transfer was already converted.</source>
        <translation>This partner transfer was already converted.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="255"/>
        <source>Too few partner points to convert.</source>
        <translation>Too few partner points to convert.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="258"/>
        <source>Head office&apos;s definition is not valid; nothing was changed.</source>
        <translation>Head office&apos;s definition is not valid; nothing was changed.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="261"/>
        <source>Head office sent a definition that differs from the one this till holds.</source>
        <translation>Head office sent a definition that differs from the one this till holds.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="264"/>
        <source>The definition&apos;s code is not valid.</source>
        <translation>The definition&apos;s code is not valid.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="267"/>
        <source>Unknown programme kind.</source>
        <translation>Unknown programme kind.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="268"/>
        <source>Programme numbers must be whole numbers.</source>
        <translation>Programme numbers must be whole numbers.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="271"/>
        <source>Cancelled: nothing was recorded.</source>
        <translation>Cancelled: nothing was recorded.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="272"/>
        <source>A supervisor must approve this.</source>
        <translation>A supervisor must approve this.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="275"/>
        <source>You cannot approve your own operation.</source>
        <translation>You cannot approve your own operation.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="278"/>
        <source>Only a supervisor or manager can approve.</source>
        <translation>Only a supervisor or manager can approve.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="281"/>
        <source>The approval does not match this operation.</source>
        <translation>The approval does not match this operation.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="284"/>
        <source>The approval was given for a smaller amount. Ask the supervisor again.</source>
        <translation>The approval was given for a smaller amount. Ask the supervisor again.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="287"/>
        <source>This approval has already been used.</source>
        <translation>This approval has already been used.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="290"/>
        <source>Unknown staff code or card.</source>
        <translation>Unknown staff code or card.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="291"/>
        <source>This staff account is disabled.</source>
        <translation>This staff account is disabled.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="294"/>
        <source>Only a supervisor or manager can do this.</source>
        <translation>Only a supervisor or manager can do this.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="297"/>
        <source>Too many wrong PINs. The account is locked for a while.</source>
        <translation>Too many wrong PINs. The account is locked for a while.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="300"/>
        <source>That staff code is already used.</source>
        <translation>That staff code is already used.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="303"/>
        <source>Unknown staff role.</source>
        <translation>Unknown staff role.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="304"/>
        <source>Wrong PIN. {remaining} tries left.</source>
        <translation>Wrong PIN. {remaining} tries left.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="310"/>
        <source>A PIN is 4 to 8 digits.</source>
        <translation>A PIN is 4 to 8 digits.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="311"/>
        <source>A shift is already open at this till.</source>
        <translation>A shift is already open at this till.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="137"/>
        <source>Choose cash, bank card or transfer for the rest of the bill.</source>
        <translation>Choose cash, bank card or transfer for the rest of the bill.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="140"/>
        <source>Log in first: a money operation needs the staff member doing it.</source>
        <translation>Log in first: a money operation needs the staff member doing it.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="143"/>
        <source>Each payment must be a whole amount of đồng, zero or more.</source>
        <translation>Each payment must be a whole amount of đồng, zero or more.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="146"/>
        <source>The payments do not add up to the amount due.</source>
        <translation>The payments do not add up to the amount due.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="149"/>
        <source>Log in first: an approval is asked for by a staff member.</source>
        <translation>Log in first: an approval is asked for by a staff member.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="152"/>
        <source>An approval must state the amount it allows.</source>
        <translation>An approval must state the amount it allows.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="155"/>
        <source>This approval was asked for by another staff member.</source>
        <translation>This approval was asked for by another staff member.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="158"/>
        <source>This approval is for another card.</source>
        <translation>This approval is for another card.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="161"/>
        <source>This approval has expired. Ask the supervisor again.</source>
        <translation>This approval has expired. Ask the supervisor again.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="164"/>
        <source>Only points or stored value can be adjusted.</source>
        <translation>Only points or stored value can be adjusted.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="167"/>
        <source>Type a whole, non-zero adjustment.</source>
        <translation>Type a whole, non-zero adjustment.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="170"/>
        <source>The card does not hold that much.</source>
        <translation>The card does not hold that much.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="307"/>
        <source>Card read. A supervisor or manager card needs the PIN as well: type it.</source>
        <translation>Card read. A supervisor or manager card needs the PIN as well: type it.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="314"/>
        <source>This is not a valid phone number.</source>
        <translation>This is not a valid phone number.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="317"/>
        <source>Type the birthday as YYYY-MM-DD.</source>
        <translation>Type the birthday as YYYY-MM-DD.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="320"/>
        <source>The e-mail address is not valid.</source>
        <translation>The e-mail address is not valid.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="323"/>
        <source>This phone number is already enrolled.</source>
        <translation>This phone number is already enrolled.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="326"/>
        <source>Unknown member.</source>
        <translation>Unknown member.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="327"/>
        <source>Type at least 6 digits of the phone number.</source>
        <translation>Type at least 6 digits of the phone number.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="330"/>
        <source>Please fill in {field}.</source>
        <translation>Please fill in {field}.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="331"/>
        <source>{field} contains characters that are not allowed.</source>
        <translation>{field} contains characters that are not allowed.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="334"/>
        <source>{field} is too long (at most {max} characters).</source>
        <translation>{field} is too long (at most {max} characters).</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="337"/>
        <source>Internal error: bad operation id.</source>
        <translation>Internal error: bad operation id.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="340"/>
        <source>Internal error: this operation was already used.</source>
        <translation>Internal error: this operation was already used.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="343"/>
        <source>{field} looks like a payment card number: do not type card numbers here.</source>
        <translation>{field} looks like a payment card number: do not type card numbers here.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="346"/>
        <source>A sale line is not valid: check its quantity and price.</source>
        <translation>A sale line is not valid: check its quantity and price.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="349"/>
        <source>The sale lines are not valid or too large.</source>
        <translation>The sale lines are not valid or too large.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="358"/>
        <source>This would take the card&apos;s balance beyond the allowed limit.</source>
        <translation>This would take the card&apos;s balance beyond the allowed limit.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="361"/>
        <source>A value is not a valid number (for example NaN or infinity).</source>
        <translation>A value is not a valid number (for example NaN or infinity).</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="364"/>
        <source>Internal error: an id is not valid.</source>
        <translation>Internal error: an id is not valid.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="367"/>
        <source>Internal error: the program called the engine wrongly.</source>
        <translation>Internal error: the program called the engine wrongly.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="370"/>
        <source>Internal error: a search asked for too many results.</source>
        <translation>Internal error: a search asked for too many results.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="373"/>
        <source>Type at least 2 letters of the name or 6 digits of the phone number.</source>
        <translation>Type at least 2 letters of the name or 6 digits of the phone number.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="376"/>
        <source>A reward already has this code.</source>
        <translation>A reward already has this code.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="379"/>
        <source>The program rules are not valid; the previous rules stay in force.</source>
        <translation>The program rules are not valid; the previous rules stay in force.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="382"/>
        <source>The rules&apos; start time must be a date and time with its time zone.</source>
        <translation>The rules&apos; start time must be a date and time with its time zone.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="385"/>
        <source>The bank or account number for the transfer QR is not valid.</source>
        <translation>The bank or account number for the transfer QR is not valid.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="394"/>
        <source>That is a payment card, not a loyalty card. It was not read or stored.</source>
        <translation>That is a payment card, not a loyalty card. It was not read or stored.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="397"/>
        <source>This card is not one of our cards.</source>
        <translation>This card is not one of our cards.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="400"/>
        <source>The card number has the wrong length.</source>
        <translation>The card number has the wrong length.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="403"/>
        <source>The card number is wrong (check digit). Try again.</source>
        <translation>The card number is wrong (check digit). Try again.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="406"/>
        <source>The card number must be digits.</source>
        <translation>The card number must be digits.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="409"/>
        <location filename="../../app/messages.py" line="412"/>
        <location filename="../../app/messages.py" line="415"/>
        <location filename="../../app/messages.py" line="495"/>
        <source>The card could not be read. Swipe again.</source>
        <translation>The card could not be read. Swipe again.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="418"/>
        <source>The card gave an answer the reader does not understand. Try again.</source>
        <translation>The card gave an answer the reader does not understand. Try again.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="421"/>
        <source>The data on the card is not valid. Call support.</source>
        <translation>The data on the card is not valid. Call support.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="424"/>
        <source>The card could not be read. Hold it still on the reader.</source>
        <translation>The card could not be read. Hold it still on the reader.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="427"/>
        <source>This card has no loyalty application.</source>
        <translation>This card has no loyalty application.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="430"/>
        <source>The reader could not read the card&apos;s identity. Try again.</source>
        <translation>The reader could not read the card&apos;s identity. Try again.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="433"/>
        <source>This card cannot be used here.</source>
        <translation>This card cannot be used here.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="436"/>
        <source>Card reader problem. Try again.</source>
        <translation>Card reader problem. Try again.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="439"/>
        <source>The card reader stopped. Call support.</source>
        <translation>The card reader stopped. Call support.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="445"/>
        <source>the name</source>
        <translation>the name</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="446"/>
        <source>the phone number</source>
        <translation>the phone number</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="447"/>
        <source>the e-mail address</source>
        <translation>the e-mail address</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="448"/>
        <source>the reason</source>
        <translation>the reason</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="449"/>
        <source>the staff code</source>
        <translation>the staff code</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="472"/>
        <source>not given</source>
        <translation>not given</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="485"/>
        <source>The operation was refused ({code}).</source>
        <translation>The operation was refused ({code}).</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="498"/>
        <source>Card reader problem ({code}).</source>
        <translation>Card reader problem ({code}).</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="512"/>
        <source>The database could not be used: {error}</source>
        <translation>The database could not be used: {error}</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="515"/>
        <source>Something went wrong; it has been logged. ({kind})</source>
        <translation>Something went wrong; it has been logged. ({kind})</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="521"/>
        <source>Member card</source>
        <translation>Member card</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="522"/>
        <source>Gift card</source>
        <translation>Gift card</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="523"/>
        <source>Prepaid card</source>
        <translation>Prepaid card</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="524"/>
        <source>Member + prepaid card</source>
        <translation>Member + prepaid card</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="525"/>
        <location filename="../../app/messages.py" line="550"/>
        <source>Discount card</source>
        <translation>Discount card</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="529"/>
        <source>Not activated</source>
        <translation>Not activated</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="530"/>
        <source>Active</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="531"/>
        <source>Blocked</source>
        <translation>Blocked</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="532"/>
        <source>Expired</source>
        <translation>Expired</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="533"/>
        <source>Closed</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="548"/>
        <source>Tier</source>
        <translation>Tier</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="549"/>
        <source>Membership</source>
        <translation>Membership</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="554"/>
        <source>tier</source>
        <translation>tier</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="555"/>
        <source>membership</source>
        <translation>membership</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="556"/>
        <source>offer</source>
        <translation>offer</translation>
    </message>
    <message>
        <location filename="../../app/messages_inputs.py" line="15"/>
        <source>Sale line {line} has a number that is not valid.</source>
        <translation>Sale line {line} has a number that is not valid.</translation>
    </message>
    <message>
        <location filename="../../app/messages_inputs.py" line="18"/>
        <source>The sale lines are not valid.</source>
        <translation>The sale lines are not valid.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="355"/>
        <location filename="../../app/messages_inputs.py" line="21"/>
        <source>The sale lines do not add up to the amount.</source>
        <translation>The sale lines do not add up to the amount.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="352"/>
        <location filename="../../app/messages_inputs.py" line="24"/>
        <source>Too many sale lines (at most {max}).</source>
        <translation>Too many sale lines (at most {max}).</translation>
    </message>
    <message>
        <location filename="../../app/messages_inputs.py" line="27"/>
        <source>The program rules are not valid.</source>
        <translation>The program rules are not valid.</translation>
    </message>
    <message>
        <location filename="../../app/messages_inputs.py" line="30"/>
        <source>The rules&apos; start time is not a valid time with its time zone.</source>
        <translation>The rules&apos; start time is not a valid time with its time zone.</translation>
    </message>
    <message>
        <location filename="../../app/messages_inputs.py" line="33"/>
        <source>{field} looks like a payment card number: do not type card numbers there.</source>
        <translation>{field} looks like a payment card number: do not type card numbers there.</translation>
    </message>
    <message>
        <location filename="../../app/messages_inputs.py" line="36"/>
        <source>The bank or account number for transfers is not valid.</source>
        <translation>The bank or account number for transfers is not valid.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="388"/>
        <location filename="../../app/messages_inputs.py" line="39"/>
        <source>The transfer amount is not valid.</source>
        <translation>The transfer amount is not valid.</translation>
    </message>
    <message>
        <location filename="../../app/messages_inputs.py" line="46"/>
        <source>Simulated reader</source>
        <translation>Simulated reader</translation>
    </message>
    <message>
        <location filename="../../app/messages_inputs.py" line="47"/>
        <source>Keyboard-wedge reader</source>
        <translation>Keyboard-wedge reader</translation>
    </message>
</context>
<context>
    <name>OpenShiftPage</name>
    <message>
        <location filename="../../app/login.py" line="237"/>
        <location filename="../../app/login.py" line="259"/>
        <source>Open shift</source>
        <translation>Open shift</translation>
    </message>
    <message>
        <location filename="../../app/login.py" line="252"/>
        <source>Opening float (cash in drawer)</source>
        <translation>Opening float (cash in drawer)</translation>
    </message>
    <message>
        <location filename="../../app/login.py" line="271"/>
        <source>Cashier: {name}</source>
        <translation>Cashier: {name}</translation>
    </message>
    <message>
        <location filename="../../app/login.py" line="285"/>
        <source>Type the opening float in đồng, e.g. 2.000.000.</source>
        <translation>Type the opening float in đồng, e.g. 2.000.000.</translation>
    </message>
</context>
<context>
    <name>OperationDialog</name>
    <message>
        <location filename="../../app/dialogs.py" line="75"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../app/dialogs.py" line="78"/>
        <source>Confirm</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <location filename="../../app/dialogs.py" line="160"/>
        <source>Working…</source>
        <translation>Working…</translation>
    </message>
</context>
<context>
    <name>QLineEdit</name>
    <message>
        <location filename="../../app/i18n.py" line="36"/>
        <source>&amp;Undo</source>
        <translation>&amp;Undo</translation>
    </message>
    <message>
        <location filename="../../app/i18n.py" line="37"/>
        <source>&amp;Redo</source>
        <translation>&amp;Redo</translation>
    </message>
    <message>
        <location filename="../../app/i18n.py" line="38"/>
        <source>Cu&amp;t</source>
        <translation>Cu&amp;t</translation>
    </message>
    <message>
        <location filename="../../app/i18n.py" line="39"/>
        <source>&amp;Copy</source>
        <translation>&amp;Copy</translation>
    </message>
    <message>
        <location filename="../../app/i18n.py" line="40"/>
        <source>&amp;Paste</source>
        <translation>&amp;Paste</translation>
    </message>
    <message>
        <location filename="../../app/i18n.py" line="41"/>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../app/i18n.py" line="42"/>
        <source>Select All</source>
        <translation>Select All</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <location filename="../../app/i18n.py" line="25"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../app/i18n.py" line="26"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../app/i18n.py" line="27"/>
        <source>Yes</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../app/i18n.py" line="28"/>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <location filename="../../app/i18n.py" line="29"/>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../app/i18n.py" line="30"/>
        <source>Apply</source>
        <translation>Apply</translation>
    </message>
    <message>
        <location filename="../../app/i18n.py" line="31"/>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../app/i18n.py" line="32"/>
        <source>Retry</source>
        <translation>Retry</translation>
    </message>
    <message>
        <location filename="../../app/i18n.py" line="33"/>
        <source>Ignore</source>
        <translation>Ignore</translation>
    </message>
    <message>
        <location filename="../../app/i18n.py" line="34"/>
        <source>Help</source>
        <translation>Help</translation>
    </message>
    <message>
        <location filename="../../app/i18n.py" line="35"/>
        <source>Abort</source>
        <translation>Abort</translation>
    </message>
</context>
<context>
    <name>Receipt</name>
    <message>
        <location filename="../../app/receipts.py" line="82"/>
        <source>LOYALTY SLIP</source>
        <translation>LOYALTY SLIP</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="86"/>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="92"/>
        <source>Cashier</source>
        <translation>Cashier</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="95"/>
        <source>Customer</source>
        <translation>Customer</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="107"/>
        <source>Amount</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="40"/>
        <source>Tier discount</source>
        <translation>Tier discount</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="38"/>
        <source>Membership discount</source>
        <translation>Membership discount</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="39"/>
        <source>Discount card</source>
        <translation>Discount card</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="46"/>
        <source>Cash</source>
        <translation>Cash</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="47"/>
        <source>Bank card</source>
        <translation>Bank card</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="48"/>
        <source>Bank transfer</source>
        <translation>Bank transfer</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="57"/>
        <source>Cash given</source>
        <translation>Cash given</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="58"/>
        <source>Change</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="90"/>
        <source>Receipt no.</source>
        <translation>Receipt no.</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="120"/>
        <source>Voucher</source>
        <translation>Voucher</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="125"/>
        <source>Points used ({points})</source>
        <translation>Points used ({points})</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="134"/>
        <source>Stored value</source>
        <translation>Stored value</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="140"/>
        <source>To pay</source>
        <translation>To pay</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="147"/>
        <source>Points earned</source>
        <translation>Points earned</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="154"/>
        <source>Cashback to the card</source>
        <translation>Cashback to the card</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="161"/>
        <source>New tier: {tier}</source>
        <translation>New tier: {tier}</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="165"/>
        <source>Top-up</source>
        <translation>Top-up</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="169"/>
        <source>Bonus</source>
        <translation>Bonus</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="176"/>
        <source>Gift card loaded</source>
        <translation>Gift card loaded</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="181"/>
        <source>Welcome to our loyalty programme!</source>
        <translation>Welcome to our loyalty programme!</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="185"/>
        <source>Refund</source>
        <translation>Refund</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="190"/>
        <source>Points taken back</source>
        <translation>Points taken back</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="191"/>
        <source>Points returned</source>
        <translation>Points returned</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="198"/>
        <source>Back to stored value</source>
        <translation>Back to stored value</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="204"/>
        <source>Cash back</source>
        <translation>Cash back</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="210"/>
        <source>Reward: {name}</source>
        <translation>Reward: {name}</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="216"/>
        <source>Points used</source>
        <translation>Points used</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="221"/>
        <source>Card replaced</source>
        <translation>Card replaced</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="225"/>
        <source>Points moved</source>
        <translation>Points moved</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="232"/>
        <source>Stored value moved</source>
        <translation>Stored value moved</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="239"/>
        <source>Fee</source>
        <translation>Fee</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="242"/>
        <source>Valid until</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="251"/>
        <source>Points balance</source>
        <translation>Points balance</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="258"/>
        <source>Stored value balance</source>
        <translation>Stored value balance</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="263"/>
        <source>Thank you!</source>
        <translation>Thank you!</translation>
    </message>
</context>
<context>
    <name>ReceiptSearch</name>
    <message>
        <location filename="../../app/receiptsearch.py" line="33"/>
        <source>Type or scan the receipt number</source>
        <translation>Type or scan the receipt number</translation>
    </message>
    <message>
        <location filename="../../app/receiptsearch.py" line="35"/>
        <source>Receipt no.</source>
        <translation>Receipt no.</translation>
    </message>
</context>
<context>
    <name>RefundDialog</name>
    <message>
        <location filename="../../app/flows.py" line="69"/>
        <source>Refund a sale</source>
        <translation>Refund a sale</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="75"/>
        <source>Sales of this shift</source>
        <translation>Sales of this shift</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="76"/>
        <source>Sales of</source>
        <translation>Sales of</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="81"/>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="82"/>
        <source>Card</source>
        <translation>Card</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="83"/>
        <source>Paid</source>
        <translation>Paid</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="84"/>
        <source>Refundable</source>
        <translation>Refundable</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="85"/>
        <source>Receipt no.</source>
        <translation>Receipt no.</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="96"/>
        <source>Refund everything that is left of the sale</source>
        <translation>Refund everything that is left of the sale</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="104"/>
        <source>Amount to refund</source>
        <translation>Amount to refund</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="106"/>
        <source>e.g. goods returned, wrong amount</source>
        <translation>e.g. goods returned, wrong amount</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="107"/>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="108"/>
        <source>Left to refund</source>
        <translation>Left to refund</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="140"/>
        <source>No sales to refund.</source>
        <translation>No sales to refund.</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="168"/>
        <source>Choose the sale to refund.</source>
        <translation>Choose the sale to refund.</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="170"/>
        <source>Type the amount to refund.</source>
        <translation>Type the amount to refund.</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="172"/>
        <source>Type the reason for the refund.</source>
        <translation>Type the reason for the refund.</translation>
    </message>
</context>
<context>
    <name>ReplaceCardDialog</name>
    <message>
        <location filename="../../app/flows.py" line="314"/>
        <source>Replace lost card</source>
        <translation>Replace lost card</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="317"/>
        <source>Old card</source>
        <translation>Old card</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="320"/>
        <source>Moves to the new card</source>
        <translation>Moves to the new card</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="322"/>
        <source>{points} points, {amount} stored value</source>
        <translation>{points} points, {amount} stored value</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="329"/>
        <source>e.g. card lost, card damaged</source>
        <translation>e.g. card lost, card damaged</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="330"/>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="333"/>
        <source>Present the new card, or leave empty for a new one</source>
        <translation>Present the new card, or leave empty for a new one</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="335"/>
        <source>New card</source>
        <translation>New card</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="337"/>
        <source>Chip card</source>
        <translation>Chip card</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="345"/>
        <source>Type why the card is replaced.</source>
        <translation>Type why the card is replaced.</translation>
    </message>
</context>
<context>
    <name>RewardsDialog</name>
    <message>
        <location filename="../../app/flows.py" line="203"/>
        <source>Redeem a reward</source>
        <translation>Redeem a reward</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="208"/>
        <source>Card</source>
        <translation>Card</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="210"/>
        <source>Points</source>
        <translation>Points</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="228"/>
        <source>{name} — {points} points (in stock: {stock})</source>
        <translation>{name} — {points} points (in stock: {stock})</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="240"/>
        <source>No rewards in stock at this shop.</source>
        <translation>No rewards in stock at this shop.</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="244"/>
        <source>The card does not have enough points for a reward.</source>
        <translation>The card does not have enough points for a reward.</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="252"/>
        <source>Confirm</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="261"/>
        <source>Redeem</source>
        <translation>Redeem</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="263"/>
        <source>Redeem {name} for {points} points? Enter to confirm, Esc to cancel.</source>
        <translation>Redeem {name} for {points} points? Enter to confirm, Esc to cancel.</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="284"/>
        <source>Choose a reward.</source>
        <translation>Choose a reward.</translation>
    </message>
</context>
<context>
    <name>SaleDialog</name>
    <message>
        <location filename="../../app/sale.py" line="52"/>
        <source>Sale</source>
        <translation>Sale</translation>
    </message>
    <message>
        <location filename="../../app/sale.py" line="59"/>
        <location filename="../../app/sale.py" line="61"/>
        <source>Customer</source>
        <translation>Customer</translation>
    </message>
    <message>
        <location filename="../../app/sale.py" line="61"/>
        <source>No card (walk-in)</source>
        <translation>No card (walk-in)</translation>
    </message>
    <message>
        <location filename="../../app/sale.py" line="64"/>
        <source>Add line</source>
        <translation>Add line</translation>
    </message>
    <message>
        <location filename="../../app/sale.py" line="69"/>
        <source>Amount</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../../app/sale.py" line="74"/>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../app/sale.py" line="74"/>
        <source>Qty</source>
        <translation>Qty</translation>
    </message>
    <message>
        <location filename="../../app/sale.py" line="74"/>
        <source>Unit price</source>
        <translation>Unit price</translation>
    </message>
    <message>
        <location filename="../../app/sale.py" line="88"/>
        <source>Type or scan a voucher code</source>
        <translation>Type or scan a voucher code</translation>
    </message>
    <message>
        <location filename="../../app/sale.py" line="171"/>
        <source>Voucher</source>
        <translation>Voucher</translation>
    </message>
    <message>
        <location filename="../../app/sale.py" line="97"/>
        <source>All points</source>
        <translation>All points</translation>
    </message>
    <message>
        <location filename="../../app/sale.py" line="90"/>
        <source>Voucher (Alt+V)</source>
        <translation>Voucher (Alt+V)</translation>
    </message>
    <message>
        <location filename="../../app/sale.py" line="105"/>
        <source>All stored value</source>
        <translation>All stored value</translation>
    </message>
    <message>
        <location filename="../../app/sale.py" line="121"/>
        <source>Pay with points (has {points})</source>
        <translation>Pay with points (has {points})</translation>
    </message>
    <message>
        <location filename="../../app/sale.py" line="128"/>
        <source>Pay from stored value (has {amount})</source>
        <translation>Pay from stored value (has {amount})</translation>
    </message>
    <message>
        <location filename="../../app/sale.py" line="140"/>
        <source>Cash</source>
        <translation>Cash</translation>
    </message>
    <message>
        <location filename="../../app/sale.py" line="141"/>
        <source>External card</source>
        <translation>External card</translation>
    </message>
    <message>
        <location filename="../../app/sale.py" line="142"/>
        <source>Bank transfer</source>
        <translation>Bank transfer</translation>
    </message>
    <message>
        <location filename="../../app/sale.py" line="143"/>
        <source>Rest paid by</source>
        <translation>Rest paid by</translation>
    </message>
    <message>
        <location filename="../../app/sale.py" line="156"/>
        <source>Exact cash</source>
        <translation>Exact cash</translation>
    </message>
    <message>
        <location filename="../../app/sale.py" line="164"/>
        <source>Cash given</source>
        <translation>Cash given</translation>
    </message>
    <message>
        <location filename="../../app/sale.py" line="170"/>
        <source>Discount</source>
        <translation>Discount</translation>
    </message>
    <message>
        <location filename="../../app/sale.py" line="172"/>
        <source>After discount</source>
        <translation>After discount</translation>
    </message>
    <message>
        <location filename="../../app/sale.py" line="173"/>
        <source>Paid with points</source>
        <translation>Paid with points</translation>
    </message>
    <message>
        <location filename="../../app/sale.py" line="174"/>
        <source>Paid from stored value</source>
        <translation>Paid from stored value</translation>
    </message>
    <message>
        <location filename="../../app/sale.py" line="175"/>
        <source>To pay</source>
        <translation>To pay</translation>
    </message>
    <message>
        <location filename="../../app/sale.py" line="176"/>
        <source>Points to earn</source>
        <translation>Points to earn</translation>
    </message>
    <message>
        <location filename="../../app/sale.py" line="177"/>
        <source>Cashback to the card</source>
        <translation>Cashback to the card</translation>
    </message>
    <message>
        <location filename="../../app/sale.py" line="178"/>
        <source>Change</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../app/sale.py" line="179"/>
        <source>Remaining</source>
        <translation>Remaining</translation>
    </message>
    <message>
        <location filename="../../app/sale.py" line="398"/>
        <source>Complete line {row} (description, quantity, unit price) or clear it.</source>
        <translation>Complete line {row} (description, quantity, unit price) or clear it.</translation>
    </message>
    <message>
        <location filename="../../app/sale.py" line="401"/>
        <source>Type the amount of the sale.</source>
        <translation>Type the amount of the sale.</translation>
    </message>
    <message>
        <location filename="../../app/sale.py" line="403"/>
        <source>Type the stored value to use in đồng, or 0.</source>
        <translation>Type the stored value to use in đồng, or 0.</translation>
    </message>
    <message>
        <location filename="../../app/sale.py" line="405"/>
        <source>The card and transfer parts are more than the amount to pay.</source>
        <translation>The card and transfer parts are more than the amount to pay.</translation>
    </message>
    <message>
        <location filename="../../app/sale.py" line="407"/>
        <source>Wait until the amount to pay is shown.</source>
        <translation>Wait until the amount to pay is shown.</translation>
    </message>
    <message>
        <location filename="../../app/sale.py" line="410"/>
        <source>The cash given is less than the amount to pay.</source>
        <translation>The cash given is less than the amount to pay.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../app/settings_dialog.py" line="110"/>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="113"/>
        <source>Till settings</source>
        <translation>Till settings</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="124"/>
        <source>Card readers (take effect on restart)</source>
        <translation>Card readers (take effect on restart)</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="126"/>
        <source>Use PC/SC (NFC) readers</source>
        <translation>Use PC/SC (NFC) readers</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="130"/>
        <source>Ignore virtual readers</source>
        <translation>Ignore virtual readers</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="137"/>
        <source>Serial magstripe port</source>
        <translation>Serial magstripe port</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="140"/>
        <source>Baud rate</source>
        <translation>Baud rate</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="147"/>
        <source>Keyboard-wedge: longest gap between keys</source>
        <translation>Keyboard-wedge: longest gap between keys</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="149"/>
        <source>Keyboard-wedge: prefix</source>
        <translation>Keyboard-wedge: prefix</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="152"/>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="152"/>
        <source>Tab</source>
        <translation>Tab</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="152"/>
        <source>Nothing</source>
        <translation>Nothing</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="155"/>
        <source>Keyboard-wedge: sent after the card</source>
        <translation>Keyboard-wedge: sent after the card</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="158"/>
        <source>Receipt printer and cash drawer (take effect at once)</source>
        <translation>Receipt printer and cash drawer (take effect at once)</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="161"/>
        <source>None</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="162"/>
        <source>USB (vendor:product)</source>
        <translation>USB (vendor:product)</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="163"/>
        <source>Network (host:port)</source>
        <translation>Network (host:port)</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="164"/>
        <source>Serial (port)</source>
        <translation>Serial (port)</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="165"/>
        <source>File or device</source>
        <translation>File or device</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="168"/>
        <source>Connection</source>
        <translation>Connection</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="170"/>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="173"/>
        <source>As an image (any printer)</source>
        <translation>As an image (any printer)</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="174"/>
        <source>The printer&apos;s Vietnamese code page</source>
        <translation>The printer&apos;s Vietnamese code page</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="175"/>
        <source>Without diacritics</source>
        <translation>Without diacritics</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="178"/>
        <source>Vietnamese text</source>
        <translation>Vietnamese text</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="182"/>
        <source>Vietnamese code page (CP1258[:table])</source>
        <translation>Vietnamese code page (CP1258[:table])</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="184"/>
        <source>58 mm (32 characters, 384 dots)</source>
        <translation>58 mm (32 characters, 384 dots)</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="185"/>
        <source>80 mm (48 characters, 576 dots)</source>
        <translation>80 mm (48 characters, 576 dots)</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="188"/>
        <source>Paper width</source>
        <translation>Paper width</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="200"/>
        <source>Customer display port</source>
        <translation>Customer display port</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="202"/>
        <source>Customer display baud rate</source>
        <translation>Customer display baud rate</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="189"/>
        <source>Open the cash drawer after a cash payment</source>
        <translation>Open the cash drawer after a cash payment</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="195"/>
        <source>Customer display and language</source>
        <translation>Customer display and language</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="198"/>
        <source>none</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="206"/>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="210"/>
        <source>Head office</source>
        <translation>Head office</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="213"/>
        <source>Bank transfers (VietQR)</source>
        <translation>Bank transfers (VietQR)</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="216"/>
        <source>Bank BIN (6 digits)</source>
        <translation>Bank BIN (6 digits)</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="218"/>
        <source>Account number</source>
        <translation>Account number</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="220"/>
        <source>Account holder</source>
        <translation>Account holder</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="228"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="230"/>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="235"/>
        <location filename="../../app/settings_dialog.py" line="300"/>
        <source>Test print</source>
        <translation>Test print</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="254"/>
        <source>The keyboard-wedge prefix may not contain % ; or Enter.</source>
        <translation>The keyboard-wedge prefix may not contain % ; or Enter.</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="305"/>
        <source>Test slip printed.</source>
        <translation>Test slip printed.</translation>
    </message>
</context>
<context>
    <name>SplitParts</name>
    <message>
        <location filename="../../app/tenders.py" line="47"/>
        <source>Card: the rest</source>
        <translation>Card: the rest</translation>
    </message>
    <message>
        <location filename="../../app/tenders.py" line="51"/>
        <source>Transfer: the rest</source>
        <translation>Transfer: the rest</translation>
    </message>
    <message>
        <location filename="../../app/tenders.py" line="53"/>
        <source>Part paid by bank card</source>
        <translation>Part paid by bank card</translation>
    </message>
    <message>
        <location filename="../../app/tenders.py" line="54"/>
        <source>Part paid by bank transfer</source>
        <translation>Part paid by bank transfer</translation>
    </message>
</context>
<context>
    <name>SupervisorDialog</name>
    <message>
        <location filename="../../app/supervisor.py" line="113"/>
        <source>Shift closed {at}: drawer {diff} — {reason}</source>
        <translation>Shift closed {at}: drawer {diff} — {reason}</translation>
    </message>
    <message>
        <location filename="../../app/supervisor.py" line="119"/>
        <source>no reason given</source>
        <translation>no reason given</translation>
    </message>
    <message>
        <location filename="../../app/supervisor.py" line="133"/>
        <source>Supervisor: today&apos;s figures</source>
        <translation>Supervisor: today&apos;s figures</translation>
    </message>
    <message>
        <location filename="../../app/supervisor.py" line="136"/>
        <source>Today&apos;s figures (this shift)</source>
        <translation>Today&apos;s figures (this shift)</translation>
    </message>
    <message>
        <location filename="../../app/supervisor.py" line="142"/>
        <source>Sales per hour</source>
        <translation>Sales per hour</translation>
    </message>
    <message>
        <location filename="../../app/supervisor.py" line="147"/>
        <source>Takings per kind</source>
        <translation>Takings per kind</translation>
    </message>
    <message>
        <location filename="../../app/supervisor.py" line="162"/>
        <source>Back</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../app/supervisor.py" line="164"/>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../app/supervisor.py" line="195"/>
        <source>{count} sales · cash collected {cash} · expected in drawer {drawer}</source>
        <translation>{count} sales · cash collected {cash} · expected in drawer {drawer}</translation>
    </message>
</context>
<context>
    <name>SupervisorFields</name>
    <message>
        <location filename="../../app/widgets.py" line="176"/>
        <source>Supervisor code</source>
        <translation>Supervisor code</translation>
    </message>
    <message>
        <location filename="../../app/widgets.py" line="177"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../../app/widgets.py" line="180"/>
        <source>…or the supervisor presents their staff card.</source>
        <translation>…or the supervisor presents their staff card.</translation>
    </message>
</context>
<context>
    <name>SupervisorPrompt</name>
    <message>
        <location filename="../../app/supervisor_prompt.py" line="32"/>
        <source>Supervisor needed</source>
        <translation>Supervisor needed</translation>
    </message>
    <message>
        <location filename="../../app/supervisor_prompt.py" line="36"/>
        <source>A supervisor must do this</source>
        <translation>A supervisor must do this</translation>
    </message>
    <message>
        <location filename="../../app/supervisor_prompt.py" line="44"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../app/supervisor_prompt.py" line="46"/>
        <source>Continue</source>
        <translation>Continue</translation>
    </message>
    <message>
        <location filename="../../app/supervisor_prompt.py" line="74"/>
        <source>Type the supervisor&apos;s code and PIN.</source>
        <translation>Type the supervisor&apos;s code and PIN.</translation>
    </message>
    <message>
        <location filename="../../app/supervisor_prompt.py" line="88"/>
        <source>Only a supervisor or manager can do this.</source>
        <translation>Only a supervisor or manager can do this.</translation>
    </message>
</context>
<context>
    <name>TillStatusBar</name>
    <message>
        <location filename="../../app/statusbar.py" line="60"/>
        <source>Cashier: {name}</source>
        <translation>Cashier: {name}</translation>
    </message>
    <message>
        <location filename="../../app/statusbar.py" line="62"/>
        <source>Not logged in</source>
        <translation>Not logged in</translation>
    </message>
    <message>
        <location filename="../../app/statusbar.py" line="66"/>
        <source>Reader lost: {names}</source>
        <translation>Reader lost: {names}</translation>
    </message>
    <message>
        <location filename="../../app/statusbar.py" line="69"/>
        <source>Reader ready: {names}</source>
        <translation>Reader ready: {names}</translation>
    </message>
    <message>
        <location filename="../../app/statusbar.py" line="72"/>
        <source>No reader (type or swipe)</source>
        <translation>No reader (type or swipe)</translation>
    </message>
    <message>
        <location filename="../../app/statusbar.py" line="78"/>
        <source>Offline — sync not configured</source>
        <translation>Offline — sync not configured</translation>
    </message>
    <message>
        <location filename="../../app/statusbar.py" line="79"/>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <location filename="../../app/statusbar.py" line="79"/>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location filename="../../app/statusbar.py" line="82"/>
        <source>head office answer not signed by its key: refused</source>
        <translation>head office answer not signed by its key: refused</translation>
    </message>
    <message>
        <location filename="../../app/statusbar.py" line="83"/>
        <source>{count} waiting to sync</source>
        <translation>{count} waiting to sync</translation>
    </message>
    <message>
        <location filename="../../app/statusbar.py" line="85"/>
        <source>last sync {time}</source>
        <translation>last sync {time}</translation>
    </message>
    <message>
        <location filename="../../app/statusbar.py" line="87"/>
        <source>never synced</source>
        <translation>never synced</translation>
    </message>
    <message>
        <location filename="../../app/statusbar.py" line="93"/>
        <source>the till&apos;s clock is {minutes} min {direction}: set the clock</source>
        <translation>the till&apos;s clock is {minutes} min {direction}: set the clock</translation>
    </message>
    <message>
        <location filename="../../app/statusbar.py" line="96"/>
        <source>slow</source>
        <translation>slow</translation>
    </message>
    <message>
        <location filename="../../app/statusbar.py" line="96"/>
        <source>fast</source>
        <translation>fast</translation>
    </message>
    <message>
        <location filename="../../app/statusbar.py" line="101"/>
        <source>head office refused our entries: {reason}</source>
        <translation>head office refused our entries: {reason}</translation>
    </message>
    <message>
        <location filename="../../app/statusbar.py" line="106"/>
        <source>{count} quarantined</source>
        <translation>{count} quarantined</translation>
    </message>
    <message>
        <location filename="../../app/statusbar.py" line="110"/>
        <source>rules version {version} refused, previous rules kept</source>
        <translation>rules version {version} refused, previous rules kept</translation>
    </message>
    <message>
        <location filename="../../app/statusbar.py" line="116"/>
        <source>{count} head-office definitions refused</source>
        <translation>{count} head-office definitions refused</translation>
    </message>
</context>
<context>
    <name>TopUpDialog</name>
    <message>
        <location filename="../../app/dialogs.py" line="190"/>
        <source>Top up</source>
        <translation>Top up</translation>
    </message>
    <message>
        <location filename="../../app/dialogs.py" line="194"/>
        <source>Card</source>
        <translation>Card</translation>
    </message>
    <message>
        <location filename="../../app/dialogs.py" line="196"/>
        <source>Stored value now</source>
        <translation>Stored value now</translation>
    </message>
    <message>
        <location filename="../../app/dialogs.py" line="201"/>
        <source>Amount paid (cash)</source>
        <translation>Amount paid (cash)</translation>
    </message>
    <message>
        <location filename="../../app/dialogs.py" line="202"/>
        <source>Bonus</source>
        <translation>Bonus</translation>
    </message>
    <message>
        <location filename="../../app/dialogs.py" line="203"/>
        <source>Added to the card</source>
        <translation>Added to the card</translation>
    </message>
    <message>
        <location filename="../../app/dialogs.py" line="225"/>
        <source>Type the amount to top up.</source>
        <translation>Type the amount to top up.</translation>
    </message>
</context>
<context>
    <name>TransferDialog</name>
    <message>
        <location filename="../../app/transfer.py" line="76"/>
        <location filename="../../app/transfer.py" line="78"/>
        <source>Bank transfer (VietQR)</source>
        <translation>Bank transfer (VietQR)</translation>
    </message>
    <message>
        <location filename="../../app/transfer.py" line="90"/>
        <source>Amount</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../../app/transfer.py" line="91"/>
        <source>Bank (BIN)</source>
        <translation>Bank (BIN)</translation>
    </message>
    <message>
        <location filename="../../app/transfer.py" line="92"/>
        <source>Account</source>
        <translation>Account</translation>
    </message>
    <message>
        <location filename="../../app/transfer.py" line="93"/>
        <source>Account holder</source>
        <translation>Account holder</translation>
    </message>
    <message>
        <location filename="../../app/transfer.py" line="96"/>
        <source>Reference</source>
        <translation>Reference</translation>
    </message>
    <message>
        <location filename="../../app/transfer.py" line="99"/>
        <source>The customer scans the code with their banking app. Confirm only when the money shows in the shop&apos;s account.</source>
        <translation>The customer scans the code with their banking app. Confirm only when the money shows in the shop&apos;s account.</translation>
    </message>
    <message>
        <location filename="../../app/transfer.py" line="113"/>
        <source>Back to the sale</source>
        <translation>Back to the sale</translation>
    </message>
    <message>
        <location filename="../../app/transfer.py" line="115"/>
        <source>Money received</source>
        <translation>Money received</translation>
    </message>
    <message>
        <location filename="../../app/transfer.py" line="129"/>
        <source>The shop&apos;s bank account is not set up: a supervisor enters it in Settings (bank BIN and account number).</source>
        <translation>The shop&apos;s bank account is not set up: a supervisor enters it in Settings (bank BIN and account number).</translation>
    </message>
</context>
<context>
    <name>ZReport</name>
    <message>
        <location filename="../../app/zreport_rows.py" line="18"/>
        <source>Sales</source>
        <translation>Sales</translation>
    </message>
    <message>
        <location filename="../../app/zreport_rows.py" line="19"/>
        <source>Refunds</source>
        <translation>Refunds</translation>
    </message>
    <message>
        <location filename="../../app/zreport_rows.py" line="20"/>
        <source>Top-ups</source>
        <translation>Top-ups</translation>
    </message>
    <message>
        <location filename="../../app/zreport_rows.py" line="21"/>
        <source>Top-up bonuses</source>
        <translation>Top-up bonuses</translation>
    </message>
    <message>
        <location filename="../../app/zreport_rows.py" line="22"/>
        <source>Stored value spent</source>
        <translation>Stored value spent</translation>
    </message>
    <message>
        <location filename="../../app/zreport_rows.py" line="25"/>
        <source>Stored value given back (refunds)</source>
        <translation>Stored value given back (refunds)</translation>
    </message>
    <message>
        <location filename="../../app/zreport_rows.py" line="27"/>
        <source>Gift cards sold</source>
        <translation>Gift cards sold</translation>
    </message>
    <message>
        <location filename="../../app/zreport_rows.py" line="28"/>
        <source>Memberships sold</source>
        <translation>Memberships sold</translation>
    </message>
    <message>
        <location filename="../../app/zreport_rows.py" line="29"/>
        <source>Cashback</source>
        <translation>Cashback</translation>
    </message>
    <message>
        <location filename="../../app/zreport_rows.py" line="32"/>
        <source>Cashback taken back (refunds)</source>
        <translation>Cashback taken back (refunds)</translation>
    </message>
    <message>
        <location filename="../../app/zreport_rows.py" line="34"/>
        <source>Cashback expired</source>
        <translation>Cashback expired</translation>
    </message>
    <message>
        <location filename="../../app/zreport_rows.py" line="35"/>
        <source>Tier-qualifying spend</source>
        <translation>Tier-qualifying spend</translation>
    </message>
    <message>
        <location filename="../../app/zreport_rows.py" line="38"/>
        <source>Qualifying spend taken back (refunds)</source>
        <translation>Qualifying spend taken back (refunds)</translation>
    </message>
    <message>
        <location filename="../../app/zreport_rows.py" line="40"/>
        <source>Points earned</source>
        <translation>Points earned</translation>
    </message>
    <message>
        <location filename="../../app/zreport_rows.py" line="41"/>
        <source>Points redeemed</source>
        <translation>Points redeemed</translation>
    </message>
    <message>
        <location filename="../../app/zreport_rows.py" line="42"/>
        <source>Bonus points</source>
        <translation>Bonus points</translation>
    </message>
    <message>
        <location filename="../../app/zreport_rows.py" line="45"/>
        <source>Points taken back (refunds)</source>
        <translation>Points taken back (refunds)</translation>
    </message>
    <message>
        <location filename="../../app/zreport_rows.py" line="49"/>
        <source>Points given back (refunds)</source>
        <translation>Points given back (refunds)</translation>
    </message>
    <message>
        <location filename="../../app/zreport_rows.py" line="51"/>
        <source>Rewards redeemed</source>
        <translation>Rewards redeemed</translation>
    </message>
    <message>
        <location filename="../../app/zreport_rows.py" line="52"/>
        <source>Points expired</source>
        <translation>Points expired</translation>
    </message>
    <message>
        <location filename="../../app/zreport_rows.py" line="53"/>
        <source>Points corrected</source>
        <translation>Points corrected</translation>
    </message>
    <message>
        <location filename="../../app/zreport_rows.py" line="56"/>
        <source>Stored value corrected</source>
        <translation>Stored value corrected</translation>
    </message>
    <message>
        <location filename="../../app/zreport_rows.py" line="60"/>
        <source>Partner points converted</source>
        <translation>Partner points converted</translation>
    </message>
    <message>
        <location filename="../../app/zreport_rows.py" line="62"/>
        <source>Vouchers used</source>
        <translation>Vouchers used</translation>
    </message>
    <message>
        <location filename="../../app/zreport_rows.py" line="63"/>
        <source>Vouchers issued</source>
        <translation>Vouchers issued</translation>
    </message>
    <message>
        <location filename="../../app/zreport_rows.py" line="66"/>
        <source>Vouchers given back (refunds)</source>
        <translation>Vouchers given back (refunds)</translation>
    </message>
    <message>
        <location filename="../../app/zreport_rows.py" line="68"/>
        <source>Members enrolled</source>
        <translation>Members enrolled</translation>
    </message>
    <message>
        <location filename="../../app/zreport_rows.py" line="69"/>
        <source>Cards issued</source>
        <translation>Cards issued</translation>
    </message>
    <message>
        <location filename="../../app/zreport_rows.py" line="70"/>
        <source>Card status changes</source>
        <translation>Card status changes</translation>
    </message>
    <message>
        <location filename="../../app/zreport_rows.py" line="71"/>
        <source>Tier changes</source>
        <translation>Tier changes</translation>
    </message>
    <message>
        <location filename="../../app/zreport_rows.py" line="74"/>
        <source>Balances moved in (replaced cards)</source>
        <translation>Balances moved in (replaced cards)</translation>
    </message>
    <message>
        <location filename="../../app/zreport_rows.py" line="78"/>
        <source>Balances moved out (replaced cards)</source>
        <translation>Balances moved out (replaced cards)</translation>
    </message>
</context>
<context>
    <name>ZReportDialog</name>
    <message>
        <location filename="../../app/zreport.py" line="42"/>
        <source>Cash sales</source>
        <translation>Cash sales</translation>
    </message>
    <message>
        <location filename="../../app/zreport.py" line="44"/>
        <source>Card sales</source>
        <translation>Card sales</translation>
    </message>
    <message>
        <location filename="../../app/zreport.py" line="49"/>
        <source>Transfer sales</source>
        <translation>Transfer sales</translation>
    </message>
    <message>
        <location filename="../../app/zreport.py" line="53"/>
        <source>Top-ups</source>
        <translation>Top-ups</translation>
    </message>
    <message>
        <location filename="../../app/zreport.py" line="55"/>
        <source>Gift cards</source>
        <translation>Gift cards</translation>
    </message>
    <message>
        <location filename="../../app/zreport.py" line="60"/>
        <source>Memberships</source>
        <translation>Memberships</translation>
    </message>
    <message>
        <location filename="../../app/zreport.py" line="64"/>
        <source>Refunds</source>
        <translation>Refunds</translation>
    </message>
    <message>
        <location filename="../../app/zreport.py" line="131"/>
        <location filename="../../app/zreport.py" line="145"/>
        <source>Shift report (Z)</source>
        <translation>Shift report (Z)</translation>
    </message>
    <message>
        <location filename="../../app/zreport.py" line="154"/>
        <source>Operation</source>
        <translation>Operation</translation>
    </message>
    <message>
        <location filename="../../app/zreport.py" line="154"/>
        <source>Count</source>
        <translation>Count</translation>
    </message>
    <message>
        <location filename="../../app/zreport.py" line="154"/>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../app/zreport.py" line="167"/>
        <location filename="../../app/zreport.py" line="291"/>
        <source>Expected in drawer</source>
        <translation>Expected in drawer</translation>
    </message>
    <message>
        <location filename="../../app/zreport.py" line="170"/>
        <location filename="../../app/zreport.py" line="292"/>
        <source>Cash counted</source>
        <translation>Cash counted</translation>
    </message>
    <message>
        <location filename="../../app/zreport.py" line="173"/>
        <location filename="../../app/zreport.py" line="293"/>
        <source>Difference</source>
        <translation>Difference</translation>
    </message>
    <message>
        <location filename="../../app/zreport.py" line="177"/>
        <source>Why the drawer differs, e.g. change given wrong</source>
        <translation>Why the drawer differs, e.g. change given wrong</translation>
    </message>
    <message>
        <location filename="../../app/zreport.py" line="178"/>
        <source>Reason for the difference</source>
        <translation>Reason for the difference</translation>
    </message>
    <message>
        <location filename="../../app/zreport.py" line="185"/>
        <source>Back</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../app/zreport.py" line="187"/>
        <source>Print</source>
        <translation>Print</translation>
    </message>
    <message>
        <location filename="../../app/zreport.py" line="189"/>
        <source>Close shift</source>
        <translation>Close shift</translation>
    </message>
    <message>
        <location filename="../../app/zreport.py" line="234"/>
        <source>Opened {at} · opening float {amount}</source>
        <translation>Opened {at} · opening float {amount}</translation>
    </message>
    <message>
        <location filename="../../app/zreport.py" line="250"/>
        <location filename="../../app/zreport.py" line="285"/>
        <source>Total discounts</source>
        <translation>Total discounts</translation>
    </message>
    <message>
        <location filename="../../app/zreport.py" line="276"/>
        <source>SHIFT REPORT (Z)</source>
        <translation>SHIFT REPORT (Z)</translation>
    </message>
    <message>
        <location filename="../../app/zreport.py" line="289"/>
        <source>Opening float</source>
        <translation>Opening float</translation>
    </message>
    <message>
        <location filename="../../app/zreport.py" line="290"/>
        <source>Cash collected</source>
        <translation>Cash collected</translation>
    </message>
    <message>
        <location filename="../../app/zreport.py" line="300"/>
        <source>Reason: {reason}</source>
        <translation>Reason: {reason}</translation>
    </message>
    <message>
        <location filename="../../app/zreport.py" line="308"/>
        <source>Report printed.</source>
        <translation>Report printed.</translation>
    </message>
    <message>
        <location filename="../../app/zreport.py" line="325"/>
        <source>The drawer differs by {diff}: type the reason.</source>
        <translation>The drawer differs by {diff}: type the reason.</translation>
    </message>
    <message>
        <location filename="../../app/zreport.py" line="335"/>
        <source>Close the shift with a difference of {diff}? Press F10 again to close.</source>
        <translation>Close the shift with a difference of {diff}? Press F10 again to close.</translation>
    </message>
    <message>
        <location filename="../../app/zreport.py" line="354"/>
        <source>Only a supervisor or manager can close the shift.</source>
        <translation>Only a supervisor or manager can close the shift.</translation>
    </message>
    <message>
        <location filename="../../app/zreport.py" line="319"/>
        <source>Count the drawer and type the cash counted.</source>
        <translation>Count the drawer and type the cash counted.</translation>
    </message>
    <message>
        <location filename="../../app/zreport.py" line="370"/>
        <source>Shift closed. Print the report, then press Back.</source>
        <translation>Shift closed. Print the report, then press Back.</translation>
    </message>
</context>
</TS>
