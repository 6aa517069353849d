<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>ApprovalDialog</name>
    <message>
        <location filename="../../app/approval.py" line="52"/>
        <source>Supervisor approval</source>
        <translation>Phê duyệt của giám sát</translation>
    </message>
    <message>
        <location filename="../../app/approval.py" line="56"/>
        <source>A supervisor must approve this</source>
        <translation>Cần giám sát phê duyệt</translation>
    </message>
    <message>
        <location filename="../../app/approval.py" line="64"/>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <location filename="../../app/approval.py" line="67"/>
        <source>Approve</source>
        <translation>Phê duyệt</translation>
    </message>
    <message>
        <location filename="../../app/approval.py" line="89"/>
        <source>Redeem points worth {value}</source>
        <translation>Đổi điểm trị giá {value}</translation>
    </message>
    <message>
        <location filename="../../app/approval.py" line="90"/>
        <source>Pay {value} from stored value</source>
        <translation>Thanh toán {value} bằng số dư thẻ</translation>
    </message>
    <message>
        <location filename="../../app/approval.py" line="91"/>
        <source>Top up {value}</source>
        <translation>Nạp tiền {value}</translation>
    </message>
    <message>
        <location filename="../../app/approval.py" line="92"/>
        <source>Sell a gift card of {value}</source>
        <translation>Bán thẻ quà tặng {value}</translation>
    </message>
    <message>
        <location filename="../../app/approval.py" line="93"/>
        <source>Refund {value}</source>
        <translation>Hoàn tiền {value}</translation>
    </message>
    <message>
        <location filename="../../app/approval.py" line="95"/>
        <source>Pay {value} from stored value while head office cannot be reached</source>
        <translation>Trả {value} bằng số dư thẻ khi không liên lạc được trụ sở</translation>
    </message>
    <message>
        <location filename="../../app/approval.py" line="98"/>
        <source>Use points, a voucher or a reward while head office cannot be reached</source>
        <translation>Dùng điểm, phiếu giảm giá hoặc quà tặng khi không liên lạc được trụ sở</translation>
    </message>
    <message>
        <location filename="../../app/approval.py" line="100"/>
        <source>Operation of {value}</source>
        <translation>Giao dịch {value}</translation>
    </message>
    <message>
        <location filename="../../app/approval.py" line="102"/>
        <source>Replace a lost or damaged card</source>
        <translation>Thay thẻ bị mất hoặc hỏng</translation>
    </message>
    <message>
        <location filename="../../app/approval.py" line="107"/>
        <source>{points} points</source>
        <translation>{points} điểm</translation>
    </message>
    <message>
        <location filename="../../app/approval.py" line="115"/>
        <source>Limit without approval: {limit}</source>
        <translation>Hạn mức không cần phê duyệt: {limit}</translation>
    </message>
    <message>
        <location filename="../../app/approval.py" line="156"/>
        <source>Type the supervisor&apos;s code and PIN.</source>
        <translation>Nhập mã và PIN của giám sát.</translation>
    </message>
</context>
<context>
    <name>ChipRow</name>
    <message>
        <location filename="../../app/dialogs.py" line="387"/>
        <source>Tap a chip card with no number to link it</source>
        <translation>Chạm thẻ chip không có số để liên kết</translation>
    </message>
    <message>
        <location filename="../../app/dialogs.py" line="395"/>
        <source>Chip {uid} will be linked to the new card</source>
        <translation>Chip {uid} sẽ được liên kết với thẻ mới</translation>
    </message>
</context>
<context>
    <name>Counter</name>
    <message>
        <location filename="../../app/flows.py" line="449"/>
        <source>{plan}, active until {date}</source>
        <translation>{plan}, hiệu lực đến {date}</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="452"/>
        <source>{plan}, expired on {date}</source>
        <translation>{plan}, đã hết hạn ngày {date}</translation>
    </message>
</context>
<context>
    <name>CounterPage</name>
    <message>
        <location filename="../../app/counter.py" line="88"/>
        <source>Card number, phone or name, then Enter</source>
        <translation>Số thẻ, số điện thoại hoặc tên, rồi Enter</translation>
    </message>
    <message>
        <location filename="../../app/counter.py" line="91"/>
        <source>Find</source>
        <translation>Tìm</translation>
    </message>
    <message>
        <location filename="../../app/counter.py" line="96"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../app/counter.py" line="106"/>
        <source>Sale</source>
        <translation>Bán hàng</translation>
    </message>
    <message>
        <location filename="../../app/counter.py" line="108"/>
        <source>Top up</source>
        <translation>Nạp tiền</translation>
    </message>
    <message>
        <location filename="../../app/counter.py" line="109"/>
        <source>Sell gift card</source>
        <translation>Bán thẻ quà tặng</translation>
    </message>
    <message>
        <location filename="../../app/counter.py" line="110"/>
        <source>Enrol member</source>
        <translation>Đăng ký hội viên</translation>
    </message>
    <message>
        <location filename="../../app/counter.py" line="111"/>
        <source>Print slip</source>
        <translation>In phiếu</translation>
    </message>
    <message>
        <location filename="../../app/counter.py" line="112"/>
        <source>Next customer</source>
        <translation>Khách tiếp theo</translation>
    </message>
    <message>
        <location filename="../../app/counter.py" line="113"/>
        <source>Lock</source>
        <translation>Khóa máy</translation>
    </message>
    <message>
        <location filename="../../app/counter.py" line="114"/>
        <source>Shift report</source>
        <translation>Báo cáo ca</translation>
    </message>
    <message>
        <location filename="../../app/counter.py" line="115"/>
        <source>Refund</source>
        <translation>Hoàn tiền</translation>
    </message>
    <message>
        <location filename="../../app/counter.py" line="116"/>
        <source>Rewards</source>
        <translation>Đổi quà</translation>
    </message>
    <message>
        <location filename="../../app/counter.py" line="117"/>
        <source>Replace card</source>
        <translation>Thay thẻ</translation>
    </message>
    <message>
        <location filename="../../app/counter.py" line="118"/>
        <source>Membership</source>
        <translation>Hội viên</translation>
    </message>
    <message>
        <location filename="../../app/counter.py" line="119"/>
        <source>Find member</source>
        <translation>Tìm hội viên</translation>
    </message>
    <message>
        <location filename="../../app/counter.py" line="150"/>
        <source>Last slip</source>
        <translation>Phiếu gần nhất</translation>
    </message>
    <message>
        <location filename="../../app/counter.py" line="156"/>
        <source>The slip of the next operation appears here.</source>
        <translation>Phiếu của giao dịch tiếp theo sẽ hiện ở đây.</translation>
    </message>
    <message>
        <location filename="../../app/counter.py" line="187"/>
        <source>Sale of {amount}: Enter to pay</source>
        <translation>Bán {amount}: nhấn Enter để thanh toán</translation>
    </message>
    <message>
        <location filename="../../app/counter.py" line="229"/>
        <source>No member has this phone number.</source>
        <translation>Không có hội viên nào với số điện thoại này.</translation>
    </message>
    <message>
        <location filename="../../app/counter.py" line="235"/>
        <source>Member of another store: {name} ({cards}). Present the card.</source>
        <translation>Khách hàng của cửa hàng khác: {name} ({cards}). Xin quẹt thẻ.</translation>
    </message>
    <message>
        <location filename="../../app/counter.py" line="356"/>
        <source>The card cannot be used; selling without it.</source>
        <translation>Thẻ không dùng được; bán hàng không kèm thẻ.</translation>
    </message>
    <message>
        <location filename="../../app/counter.py" line="371"/>
        <source>Present a card that collects points first.</source>
        <translation>Hãy quẹt thẻ tích điểm trước.</translation>
    </message>
    <message>
        <location filename="../../app/counter.py" line="378"/>
        <source>Find the card to replace first.</source>
        <translation>Hãy tìm thẻ cần thay trước.</translation>
    </message>
    <message>
        <location filename="../../app/counter.py" line="385"/>
        <source>Present a member&apos;s card first.</source>
        <translation>Hãy quẹt thẻ thành viên trước.</translation>
    </message>
    <message>
        <location filename="../../app/counter.py" line="392"/>
        <source>Present a prepaid card first.</source>
        <translation>Hãy quẹt thẻ trả trước trước.</translation>
    </message>
    <message>
        <location filename="../../app/counter.py" line="440"/>
        <source>Sale done. Next customer: present the card.</source>
        <translation>Đã bán xong. Khách tiếp theo: đưa thẻ.</translation>
    </message>
    <message>
        <location filename="../../app/counter.py" line="445"/>
        <source>New card {number}: moved {points} points and {amount}.</source>
        <translation>Thẻ mới {number}: đã chuyển {points} điểm và {amount}.</translation>
    </message>
    <message>
        <location filename="../../app/counter.py" line="485"/>
        <source>Slip printed.</source>
        <translation>Đã in phiếu.</translation>
    </message>
</context>
<context>
    <name>CustomerDisplay</name>
    <message>
        <location filename="../../app/customer_display.py" line="46"/>
        <source>To pay</source>
        <translation>Cần trả</translation>
    </message>
    <message>
        <location filename="../../app/customer_display.py" line="49"/>
        <source>Thank you!</source>
        <translation>Cảm ơn quý khách!</translation>
    </message>
    <message>
        <location filename="../../app/customer_display.py" line="51"/>
        <source>Change</source>
        <translation>Tiền thối</translation>
    </message>
    <message>
        <location filename="../../app/customer_display.py" line="53"/>
        <source>See you again</source>
        <translation>Hẹn gặp lại</translation>
    </message>
    <message>
        <location filename="../../app/customer_display.py" line="59"/>
        <source>Customer display: {problem}</source>
        <translation>Màn hình khách: {problem}</translation>
    </message>
</context>
<context>
    <name>CustomerPanel</name>
    <message>
        <location filename="../../app/customer.py" line="50"/>
        <source>Birthday!</source>
        <translation>Sinh nhật!</translation>
    </message>
    <message>
        <location filename="../../app/customer.py" line="59"/>
        <source>Why this tier?</source>
        <translation>Vì sao hạng này?</translation>
    </message>
    <message>
        <location filename="../../app/customer.py" line="93"/>
        <source>Points</source>
        <translation>Điểm</translation>
    </message>
    <message>
        <location filename="../../app/customer.py" line="94"/>
        <source>Expiring within 30 days</source>
        <translation>Sắp hết hạn (30 ngày)</translation>
    </message>
    <message>
        <location filename="../../app/customer.py" line="95"/>
        <source>Stored value</source>
        <translation>Số dư thẻ</translation>
    </message>
    <message>
        <location filename="../../app/customer.py" line="96"/>
        <source>Card</source>
        <translation>Thẻ</translation>
    </message>
    <message>
        <location filename="../../app/customer.py" line="97"/>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location filename="../../app/customer.py" line="112"/>
        <source>Vouchers</source>
        <translation>Phiếu giảm giá</translation>
    </message>
    <message>
        <location filename="../../app/customer.py" line="156"/>
        <source>Present a card, or type a card number or phone number above.</source>
        <translation>Quẹt thẻ, hoặc nhập số thẻ hay số điện thoại ở trên.</translation>
    </message>
    <message>
        <location filename="../../app/customer.py" line="188"/>
        <source>Member of another store (details need head office)</source>
        <translation>Khách hàng của cửa hàng khác (cần trụ sở để xem thông tin)</translation>
    </message>
    <message>
        <location filename="../../app/customer.py" line="194"/>
        <source>Tier: {tier}</source>
        <translation>Hạng: {tier}</translation>
    </message>
    <message>
        <location filename="../../app/customer.py" line="196"/>
        <source>{pct}% discount</source>
        <translation>giảm {pct}%</translation>
    </message>
    <message>
        <location filename="../../app/customer.py" line="207"/>
        <source>{amount} more to reach {tier}</source>
        <translation>Còn {amount} để lên hạng {tier}</translation>
    </message>
    <message>
        <location filename="../../app/customer.py" line="214"/>
        <source>Highest tier</source>
        <translation>Hạng cao nhất</translation>
    </message>
    <message>
        <location filename="../../app/customer.py" line="218"/>
        <source>No member on this card</source>
        <translation>Thẻ không gắn với hội viên</translation>
    </message>
    <message>
        <location filename="../../app/customer.py" line="229"/>
        <source>{points} points</source>
        <translation>{points} điểm</translation>
    </message>
    <message>
        <location filename="../../app/customer.py" line="238"/>
        <source>valid until {date}</source>
        <translation>hiệu lực đến {date}</translation>
    </message>
    <message>
        <location filename="../../app/customer.py" line="251"/>
        <source>stored value overdrawn</source>
        <translation>số dư thẻ bị âm</translation>
    </message>
    <message>
        <location filename="../../app/customer.py" line="252"/>
        <source>points overdrawn</source>
        <translation>điểm bị âm</translation>
    </message>
    <message>
        <location filename="../../app/customer.py" line="253"/>
        <source>voucher used more than allowed</source>
        <translation>phiếu giảm giá bị dùng quá số lần</translation>
    </message>
    <message>
        <location filename="../../app/customer.py" line="254"/>
        <source>reward given beyond stock</source>
        <translation>quà tặng bị đổi vượt tồn kho</translation>
    </message>
    <message>
        <location filename="../../app/customer.py" line="257"/>
        <source>flagged by head office: {reasons}</source>
        <translation>trụ sở đánh dấu: {reasons}</translation>
    </message>
    <message>
        <location filename="../../app/customer.py" line="268"/>
        <source>{pct}% back to the card</source>
        <translation>hoàn {pct}% vào thẻ</translation>
    </message>
    <message>
        <location filename="../../app/customer.py" line="272"/>
        <source>points {mult}</source>
        <translation>điểm {mult}</translation>
    </message>
    <message>
        <location filename="../../app/customer.py" line="281"/>
        <source>Discount card: {pct}% discount unlocked this period</source>
        <translation>Thẻ giảm giá: đã được giảm {pct}% trong kỳ này</translation>
    </message>
    <message>
        <location filename="../../app/customer.py" line="285"/>
        <source>Discount card: {amount} more to get {pct}% off</source>
        <translation>Thẻ giảm giá: còn {amount} để được giảm {pct}%</translation>
    </message>
    <message>
        <location filename="../../app/customer.py" line="293"/>
        <source>{plan}: active until {date}</source>
        <translation>{plan}: hiệu lực đến {date}</translation>
    </message>
    <message>
        <location filename="../../app/customer.py" line="295"/>
        <source>{plan}: expired on {date}</source>
        <translation>{plan}: đã hết hạn ngày {date}</translation>
    </message>
    <message>
        <location filename="../../app/customer.py" line="310"/>
        <source>{pct}% discount ({source})</source>
        <translation>giảm {pct}% ({source})</translation>
    </message>
    <message>
        <location filename="../../app/customer.py" line="336"/>
        <source>Valid until {date}</source>
        <translation>Hiệu lực đến {date}</translation>
    </message>
    <message>
        <location filename="../../app/customer.py" line="338"/>
        <source>minimum spend {amount}</source>
        <translation>đơn tối thiểu {amount}</translation>
    </message>
    <message>
        <location filename="../../app/customer.py" line="351"/>
        <source>Qualifying spend over the last {days} days: {amount}.</source>
        <translation>Chi tiêu xét hạng trong {days} ngày qua: {amount}.</translation>
    </message>
    <message>
        <location filename="../../app/customer.py" line="357"/>
        <source>{amount} more to keep {tier} at the next review.</source>
        <translation>Cần thêm {amount} để giữ hạng {tier} ở lần xét tới.</translation>
    </message>
    <message>
        <location filename="../../app/customer.py" line="362"/>
        <source>{tier} is kept at the next review.</source>
        <translation>Hạng {tier} được giữ ở lần xét tới.</translation>
    </message>
    <message>
        <location filename="../../app/customer.py" line="365"/>
        <source>{amount} more reaches {tier} at once.</source>
        <translation>Thêm {amount} là lên hạng {tier} ngay.</translation>
    </message>
</context>
<context>
    <name>EnrollDialog</name>
    <message>
        <location filename="../../app/dialogs.py" line="287"/>
        <source>Enrol member</source>
        <translation>Đăng ký hội viên</translation>
    </message>
    <message>
        <location filename="../../app/dialogs.py" line="289"/>
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <location filename="../../app/dialogs.py" line="291"/>
        <source>Phone</source>
        <translation>Điện thoại</translation>
    </message>
    <message>
        <location filename="../../app/dialogs.py" line="294"/>
        <source>Birthday</source>
        <translation>Ngày sinh</translation>
    </message>
    <message>
        <location filename="../../app/dialogs.py" line="296"/>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../../app/dialogs.py" line="298"/>
        <source>Card or phone of the member who recommended</source>
        <translation>Thẻ hoặc số điện thoại của hội viên giới thiệu</translation>
    </message>
    <message>
        <location filename="../../app/dialogs.py" line="299"/>
        <source>Referred by</source>
        <translation>Người giới thiệu</translation>
    </message>
    <message>
        <location filename="../../app/dialogs.py" line="309"/>
        <source>Card kind</source>
        <translation>Loại thẻ</translation>
    </message>
    <message>
        <location filename="../../app/dialogs.py" line="311"/>
        <source>Present the card, or leave empty for a new one</source>
        <translation>Quẹt thẻ, hoặc để trống để cấp thẻ mới</translation>
    </message>
    <message>
        <location filename="../../app/dialogs.py" line="312"/>
        <source>Card</source>
        <translation>Thẻ</translation>
    </message>
    <message>
        <location filename="../../app/dialogs.py" line="314"/>
        <source>Chip card</source>
        <translation>Thẻ chip</translation>
    </message>
    <message>
        <location filename="../../app/dialogs.py" line="350"/>
        <source>Type the birthday as dd/mm/yyyy, e.g. 03/12/1995.</source>
        <translation>Nhập ngày sinh theo dạng nn/tt/nnnn, ví dụ 03/12/1995.</translation>
    </message>
    <message>
        <location filename="../../app/dialogs.py" line="300"/>
        <source>Agrees to receive offers</source>
        <translation>Đồng ý nhận ưu đãi</translation>
    </message>
    <message>
        <location filename="../../app/dialogs.py" line="293"/>
        <source>dd/mm/yyyy</source>
        <translation>nn/tt/nnnn</translation>
    </message>
    <message>
        <location filename="../../app/dialogs.py" line="301"/>
        <source>Agrees to receive SMS</source>
        <translation>Đồng ý nhận tin nhắn SMS</translation>
    </message>
    <message>
        <location filename="../../app/dialogs.py" line="348"/>
        <source>Type the member&apos;s full name.</source>
        <translation>Nhập họ tên hội viên.</translation>
    </message>
</context>
<context>
    <name>GiftCardDialog</name>
    <message>
        <location filename="../../app/dialogs.py" line="248"/>
        <source>Sell gift card</source>
        <translation>Bán thẻ quà tặng</translation>
    </message>
    <message>
        <location filename="../../app/dialogs.py" line="251"/>
        <source>Amount loaded (paid in cash)</source>
        <translation>Số tiền nạp (trả tiền mặt)</translation>
    </message>
    <message>
        <location filename="../../app/dialogs.py" line="255"/>
        <source>Present the card, or leave empty for a new one</source>
        <translation>Quẹt thẻ, hoặc để trống để cấp thẻ mới</translation>
    </message>
    <message>
        <location filename="../../app/dialogs.py" line="256"/>
        <source>Gift card</source>
        <translation>Thẻ quà tặng</translation>
    </message>
    <message>
        <location filename="../../app/dialogs.py" line="263"/>
        <source>Type the amount of the gift card.</source>
        <translation>Nhập mệnh giá thẻ quà tặng.</translation>
    </message>
</context>
<context>
    <name>HourChart</name>
    <message>
        <location filename="../../app/supervisor.py" line="60"/>
        <source>No sales yet.</source>
        <translation>Chưa có giao dịch bán.</translation>
    </message>
</context>
<context>
    <name>LockPage</name>
    <message>
        <location filename="../../app/login.py" line="163"/>
        <source>Till locked</source>
        <translation>Máy đang khóa</translation>
    </message>
    <message>
        <location filename="../../app/login.py" line="173"/>
        <source>PIN</source>
        <translation>Mã PIN</translation>
    </message>
    <message>
        <location filename="../../app/login.py" line="180"/>
        <source>Unlock</source>
        <translation>Mở khóa</translation>
    </message>
    <message>
        <location filename="../../app/login.py" line="184"/>
        <source>Switch cashier</source>
        <translation>Đổi thu ngân</translation>
    </message>
    <message>
        <location filename="../../app/login.py" line="191"/>
        <source>Locked by {name}. Type your PIN to continue.</source>
        <translation>{name} đã khóa máy. Nhập PIN để tiếp tục.</translation>
    </message>
    <message>
        <location filename="../../app/login.py" line="216"/>
        <source>Only {name} can unlock. Use Switch cashier.</source>
        <translation>Chỉ {name} mới mở khóa được. Hãy dùng Đổi thu ngân.</translation>
    </message>
</context>
<context>
    <name>LoginPage</name>
    <message>
        <location filename="../../app/login.py" line="58"/>
        <source>Staff log-in</source>
        <translation>Đăng nhập nhân viên</translation>
    </message>
    <message>
        <location filename="../../app/login.py" line="76"/>
        <source>Staff code</source>
        <translation>Mã nhân viên</translation>
    </message>
    <message>
        <location filename="../../app/login.py" line="77"/>
        <source>PIN</source>
        <translation>Mã PIN</translation>
    </message>
    <message>
        <location filename="../../app/login.py" line="79"/>
        <source>…or present your staff card on the reader.</source>
        <translation>…hoặc quẹt thẻ nhân viên vào đầu đọc.</translation>
    </message>
    <message>
        <location filename="../../app/login.py" line="87"/>
        <source>Log in</source>
        <translation>Đăng nhập</translation>
    </message>
    <message>
        <location filename="../../app/login.py" line="99"/>
        <source>Opening the database…</source>
        <translation>Đang mở cơ sở dữ liệu…</translation>
    </message>
    <message>
        <location filename="../../app/login.py" line="122"/>
        <source>Type your staff code and PIN.</source>
        <translation>Nhập mã nhân viên và PIN.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/mainwindow.py" line="63"/>
        <source>Loyalty POS</source>
        <translation>Quầy thu ngân khách hàng thân thiết</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.py" line="95"/>
        <source>&amp;Till</source>
        <translation>&amp;Quầy</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.py" line="96"/>
        <source>Lock (F12)</source>
        <translation>Khóa máy (F12)</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.py" line="98"/>
        <source>Switch cashier</source>
        <translation>Đổi thu ngân</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.py" line="100"/>
        <source>Supervisor screen</source>
        <translation>Màn hình giám sát</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.py" line="105"/>
        <source>Settings</source>
        <translation>Cài đặt</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.py" line="110"/>
        <source>Quit</source>
        <translation>Thoát</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.py" line="112"/>
        <source>&amp;Language</source>
        <translation>&amp;Ngôn ngữ</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.py" line="122"/>
        <source>&amp;Demo</source>
        <translation>&amp;Dùng thử</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.py" line="124"/>
        <source>Member (birthday today)</source>
        <translation>Hội viên (sinh nhật hôm nay)</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.py" line="125"/>
        <source>Gold member</source>
        <translation>Hội viên hạng Vàng</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.py" line="126"/>
        <source>Member + prepaid card</source>
        <translation>Thẻ hội viên + trả trước</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.py" line="127"/>
        <source>Prepaid card</source>
        <translation>Thẻ trả trước</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.py" line="128"/>
        <source>Gift card</source>
        <translation>Thẻ quà tặng</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.py" line="129"/>
        <source>Discount card</source>
        <translation>Thẻ giảm giá</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.py" line="130"/>
        <source>Blocked card</source>
        <translation>Thẻ bị khóa</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.py" line="131"/>
        <source>New gift card (not sold)</source>
        <translation>Thẻ quà tặng mới (chưa bán)</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.py" line="134"/>
        <source>Present: {card}</source>
        <translation>Quẹt: {card}</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.py" line="138"/>
        <source>Present: a bank card (refused)</source>
        <translation>Quẹt: thẻ ngân hàng (bị từ chối)</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.py" line="145"/>
        <source>Present: supervisor&apos;s staff card</source>
        <translation>Quẹt: thẻ nhân viên của giám sát</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.py" line="146"/>
        <source>Present: cashier&apos;s staff card</source>
        <translation>Quẹt: thẻ nhân viên của thu ngân</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.py" line="248"/>
        <source>Only a supervisor or manager can open this.</source>
        <translation>Chỉ giám sát hoặc quản lý được mở màn hình này.</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.py" line="270"/>
        <source>Only a supervisor or manager can change the settings.</source>
        <translation>Chỉ giám sát hoặc quản lý mới được đổi cài đặt.</translation>
    </message>
</context>
<context>
    <name>MemberSearchDialog</name>
    <message>
        <location filename="../../app/search.py" line="59"/>
        <location filename="../../app/search.py" line="62"/>
        <source>Find a member</source>
        <translation>Tìm hội viên</translation>
    </message>
    <message>
        <location filename="../../app/search.py" line="69"/>
        <source>Name (accents optional) or the last 6 digits of the phone</source>
        <translation>Tên (gõ dấu hoặc không) hoặc 6 số cuối của điện thoại</translation>
    </message>
    <message>
        <location filename="../../app/search.py" line="74"/>
        <source>Members</source>
        <translation>Hội viên</translation>
    </message>
    <message>
        <location filename="../../app/search.py" line="80"/>
        <source>Cards of the member</source>
        <translation>Thẻ của hội viên</translation>
    </message>
    <message>
        <location filename="../../app/search.py" line="94"/>
        <source>Back</source>
        <translation>Quay lại</translation>
    </message>
    <message>
        <location filename="../../app/search.py" line="96"/>
        <source>Open card</source>
        <translation>Mở thẻ</translation>
    </message>
    <message>
        <location filename="../../app/search.py" line="180"/>
        <source>This member has no card.</source>
        <translation>Hội viên này chưa có thẻ.</translation>
    </message>
    <message>
        <location filename="../../app/search.py" line="194"/>
        <source>Type at least 2 letters of the name or 6 digits of the phone.</source>
        <translation>Gõ ít nhất 2 chữ của tên hoặc 6 số của điện thoại.</translation>
    </message>
    <message>
        <location filename="../../app/search.py" line="225"/>
        <source>{count} found: arrows to choose, Enter to open.</source>
        <translation>Tìm thấy {count}: dùng phím mũi tên để chọn, Enter để mở.</translation>
    </message>
    <message>
        <location filename="../../app/search.py" line="230"/>
        <source>No member found.</source>
        <translation>Không tìm thấy hội viên nào.</translation>
    </message>
    <message>
        <location filename="../../app/search.py" line="240"/>
        <source>cards: {count}</source>
        <translation>số thẻ: {count}</translation>
    </message>
</context>
<context>
    <name>MembershipDialog</name>
    <message>
        <location filename="../../app/flows.py" line="369"/>
        <source>Paid membership</source>
        <translation>Gói hội viên trả phí</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="374"/>
        <source>Member</source>
        <translation>Thành viên</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="377"/>
        <source>Now</source>
        <translation>Hiện tại</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="377"/>
        <source>None</source>
        <translation>Chưa có</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="383"/>
        <source>Plan</source>
        <translation>Gói</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="384"/>
        <source>Fee (cash)</source>
        <translation>Phí (tiền mặt)</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="385"/>
        <source>Term</source>
        <translation>Thời hạn</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="386"/>
        <source>Benefits</source>
        <translation>Quyền lợi</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="401"/>
        <source>No membership plans are offered.</source>
        <translation>Không có gói hội viên nào.</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="415"/>
        <source>{days} days</source>
        <translation>{days} ngày</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="419"/>
        <source>{pct}% discount</source>
        <translation>giảm {pct}%</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="423"/>
        <source>points {mult}</source>
        <translation>điểm {mult}</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="430"/>
        <source>Choose a membership plan.</source>
        <translation>Hãy chọn gói hội viên.</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../../app/mainwindow.py" line="343"/>
        <source>This card is not known at this till.</source>
        <translation>Quầy này không nhận ra thẻ này.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="24"/>
        <source>This card is blocked. Reason: {reason}</source>
        <translation>Thẻ này đã bị khóa. Lý do: {reason}</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="27"/>
        <source>This card has not been activated yet.</source>
        <translation>Thẻ này chưa được kích hoạt.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="30"/>
        <source>This card is closed and can no longer be used.</source>
        <translation>Thẻ này đã đóng và không còn dùng được.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="33"/>
        <source>This card expired on {expires_on}.</source>
        <translation>Thẻ này đã hết hạn ngày {expires_on}.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="36"/>
        <source>Expiry and tier review run once for the whole chain at head office, not at a till.</source>
        <translation>Hết hạn điểm và xét hạng thành viên chạy một lần cho cả chuỗi tại văn phòng chính, không chạy tại quầy.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="39"/>
        <source>Card {masked} is not known at this till.</source>
        <translation>Quầy này không nhận ra thẻ {masked}.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="42"/>
        <source>Card {masked} is not one of our cards. Payment cards cannot be used here.</source>
        <translation>Thẻ {masked} không phải thẻ của cửa hàng. Không dùng thẻ thanh toán ở đây.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="45"/>
        <source>Card {masked} is not a card of that kind.</source>
        <translation>Thẻ {masked} không thuộc loại này.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="48"/>
        <source>Card {masked} has already been issued.</source>
        <translation>Thẻ {masked} đã được phát hành.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="51"/>
        <source>This card does not collect points.</source>
        <translation>Thẻ này không tích điểm.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="54"/>
        <source>This card carries no stored value.</source>
        <translation>Thẻ này không có số dư.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="57"/>
        <source>Only prepaid and combined cards can be topped up.</source>
        <translation>Chỉ nạp tiền được vào thẻ trả trước hoặc thẻ kết hợp.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="60"/>
        <source>Only a new card can be activated.</source>
        <translation>Chỉ kích hoạt được thẻ mới.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="63"/>
        <source>The card status cannot change that way.</source>
        <translation>Không thể đổi trạng thái thẻ như vậy.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="66"/>
        <source>Unknown card kind.</source>
        <translation>Loại thẻ không xác định.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="67"/>
        <source>That is not the chip number of a contactless card. Tap the card again.</source>
        <translation>Đó không phải mã chip của thẻ không tiếp xúc. Hãy chạm thẻ lại.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="70"/>
        <source>This chip card is already linked to card {masked}.</source>
        <translation>Thẻ chip này đã được liên kết với thẻ {masked}.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="73"/>
        <source>A chip can be linked only to a new card: leave the card number empty.</source>
        <translation>Chỉ liên kết chip với thẻ mới: hãy để trống số thẻ.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="76"/>
        <source>Not enough points: the card has {available} points.</source>
        <translation>Không đủ điểm: thẻ có {available} điểm.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="79"/>
        <source>Points would pay more than the bill: at most {max_points} points.</source>
        <translation>Số điểm vượt quá hóa đơn: tối đa {max_points} điểm.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="82"/>
        <source>The card&apos;s points do not add up; call head office.</source>
        <translation>Điểm của thẻ không khớp; hãy gọi văn phòng chính.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="85"/>
        <source>Not enough stored value: the card holds {available_vnd}.</source>
        <translation>Số dư không đủ: thẻ còn {available_vnd}.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="88"/>
        <source>Stored value would pay more than the bill: at most {max_amount_vnd}.</source>
        <translation>Số dư dùng vượt quá hóa đơn: tối đa {max_amount_vnd}.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="91"/>
        <source>Head office does not hold that much on this card (it holds {available_vnd}).</source>
        <translation>Trụ sở không ghi nhận đủ số dư trên thẻ này (còn {available_vnd}).</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="94"/>
        <source>Another store sold this card: only a small amount can be used here.</source>
        <translation>Thẻ này do cửa hàng khác bán: tại đây chỉ dùng được một khoản nhỏ.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="97"/>
        <source>Type the amount as a whole number of đồng.</source>
        <translation>Nhập số tiền là số đồng nguyên.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="100"/>
        <source>The amount is not valid.</source>
        <translation>Số tiền không hợp lệ.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="103"/>
        <source>A top-up can be at most {max_vnd}.</source>
        <translation>Mỗi lần nạp tối đa {max_vnd}.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="106"/>
        <source>A gift card can hold at most {max_vnd}.</source>
        <translation>Thẻ quà tặng tối đa {max_vnd}.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="109"/>
        <source>No receipt printer is set up. The slip is kept on screen; nothing is lost.</source>
        <translation>Chưa cài đặt máy in hóa đơn. Phiếu vẫn hiện trên màn hình; không mất dữ liệu.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="112"/>
        <source>The receipt printer does not answer. Check it is on and connected, then press Print.</source>
        <translation>Máy in không phản hồi. Kiểm tra máy in đã bật và kết nối, rồi nhấn In.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="116"/>
        <source>The printer is out of paper. Load a roll and press Print.</source>
        <translation>Máy in hết giấy. Lắp cuộn giấy mới rồi nhấn In.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="119"/>
        <source>Printing failed. Check the printer and press Print again.</source>
        <translation>In không thành công. Kiểm tra máy in rồi nhấn In lại.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="122"/>
        <source>The printer&apos;s code page must be CP1258, or CP1258:&lt;number&gt; for the printer&apos;s own table number (Settings).</source>
        <translation>Bảng mã của máy in phải là CP1258, hoặc CP1258:&lt;số&gt; theo số bảng riêng của máy in (Cài đặt).</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="127"/>
        <source>the display&apos;s port cannot be opened; check the cable and the port in Settings.</source>
        <translation>không mở được cổng của màn hình; kiểm tra cáp và cổng trong Cài đặt.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="130"/>
        <source>the display did not take the text; check its cable.</source>
        <translation>màn hình không nhận nội dung; kiểm tra cáp.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="133"/>
        <source>The referring member is not known.</source>
        <translation>Không tìm thấy hội viên giới thiệu.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="136"/>
        <source>This card has no member.</source>
        <translation>Thẻ này không gắn với hội viên.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="173"/>
        <source>That sale is not known at this till.</source>
        <translation>Quầy này không có hóa đơn đó.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="176"/>
        <source>This sale has already been fully refunded.</source>
        <translation>Hóa đơn này đã được hoàn tiền toàn bộ.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="179"/>
        <source>The refund is more than what is left of the sale.</source>
        <translation>Số tiền hoàn vượt quá phần còn lại của hóa đơn.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="182"/>
        <source>That shift is not known at this till.</source>
        <translation>Quầy này không có ca đó.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="185"/>
        <source>This shift is already closed.</source>
        <translation>Ca này đã đóng.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="186"/>
        <source>The cash counted differs from the expected drawer: type the reason.</source>
        <translation>Tiền đếm được khác với tiền dự kiến trong két: hãy nhập lý do.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="189"/>
        <source>Head office and this till disagree about the journal; call head office.</source>
        <translation>Sổ giao dịch của quầy và văn phòng chính không khớp; hãy gọi văn phòng chính.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="192"/>
        <source>A tier here conflicts with head office&apos;s tiers; call head office.</source>
        <translation>Hạng thành viên ở quầy xung đột với văn phòng chính; hãy gọi văn phòng chính.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="195"/>
        <source>A staff member here conflicts with head office; call head office.</source>
        <translation>Thông tin nhân viên ở quầy xung đột với văn phòng chính; hãy gọi văn phòng chính.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="198"/>
        <source>A journal entry failed its integrity check; call head office.</source>
        <translation>Một bút toán không qua kiểm tra toàn vẹn; hãy gọi văn phòng chính.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="201"/>
        <source>This till already holds data: only an empty till joins from a snapshot.</source>
        <translation>Quầy này đã có dữ liệu: chỉ quầy trống mới nhận ảnh chụp dữ liệu để tham gia chuỗi.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="204"/>
        <source>Head office&apos;s snapshot could not be used; nothing was loaded. Try again.</source>
        <translation>Không dùng được ảnh chụp dữ liệu của trụ sở; chưa nạp gì. Hãy thử lại.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="207"/>
        <source>The ledger refused an entry of this operation; nothing was saved. Call head office.</source>
        <translation>Sổ cái từ chối một bút toán của thao tác này; chưa có gì được lưu. Hãy gọi văn phòng chính.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="210"/>
        <source>Unknown voucher code.</source>
        <translation>Mã phiếu giảm giá không đúng.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="211"/>
        <source>A voucher code is 3 to 32 letters, digits or dashes.</source>
        <translation>Mã phiếu gồm 3 đến 32 chữ cái, chữ số hoặc dấu gạch ngang.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="214"/>
        <source>This voucher is not valid yet.</source>
        <translation>Phiếu giảm giá chưa đến ngày sử dụng.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="217"/>
        <source>This voucher has expired.</source>
        <translation>Phiếu giảm giá đã hết hạn.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="218"/>
        <source>This voucher has already been used.</source>
        <translation>Phiếu giảm giá đã được sử dụng.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="221"/>
        <source>This voucher belongs to another customer.</source>
        <translation>Phiếu giảm giá thuộc về khách hàng khác.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="224"/>
        <source>The bill is below this voucher&apos;s minimum spend of {min_spend_vnd}.</source>
        <translation>Hóa đơn chưa đạt mức chi tiêu tối thiểu {min_spend_vnd} của phiếu giảm giá này.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="227"/>
        <source>A voucher is a percentage or a fixed amount.</source>
        <translation>Phiếu giảm giá theo phần trăm hoặc số tiền cố định.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="230"/>
        <source>A percentage voucher is at most 100 %.</source>
        <translation>Phiếu giảm theo phần trăm tối đa 100 %.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="233"/>
        <source>The number of vouchers or uses is out of range.</source>
        <translation>Số lượng phiếu hoặc số lần dùng không hợp lệ.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="236"/>
        <source>The voucher dates are not valid.</source>
        <translation>Ngày hiệu lực của phiếu không hợp lệ.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="239"/>
        <source>That voucher code already exists.</source>
        <translation>Mã phiếu này đã tồn tại.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="242"/>
        <source>Unknown reward.</source>
        <translation>Quà tặng không xác định.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="243"/>
        <source>This reward is out of stock.</source>
        <translation>Quà tặng này đã hết.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="246"/>
        <source>Unknown membership plan.</source>
        <translation>Gói hội viên không xác định.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="249"/>
        <source>There is no agreement with this partner.</source>
        <translation>Chưa có thỏa thuận với đối tác này.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="252"/>
        <source>This partner transfer was already converted.</source>
        <translation>Lượt chuyển điểm đối tác này đã được quy đổi.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="255"/>
        <source>Too few partner points to convert.</source>
        <translation>Không đủ điểm đối tác để quy đổi.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="258"/>
        <source>Head office&apos;s definition is not valid; nothing was changed.</source>
        <translation>Định nghĩa từ trụ sở chính không hợp lệ; không có gì thay đổi.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="261"/>
        <source>Head office sent a definition that differs from the one this till holds.</source>
        <translation>Trụ sở chính gửi một định nghĩa khác với định nghĩa quầy này đang giữ.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="264"/>
        <source>The definition&apos;s code is not valid.</source>
        <translation>Mã của định nghĩa không hợp lệ.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="267"/>
        <source>Unknown programme kind.</source>
        <translation>Loại chương trình không xác định.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="268"/>
        <source>Programme numbers must be whole numbers.</source>
        <translation>Các con số của chương trình phải là số nguyên.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="271"/>
        <source>Cancelled: nothing was recorded.</source>
        <translation>Đã hủy: không có gì được ghi lại.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="272"/>
        <source>A supervisor must approve this.</source>
        <translation>Cần giám sát phê duyệt.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="275"/>
        <source>You cannot approve your own operation.</source>
        <translation>Bạn không thể tự phê duyệt giao dịch của mình.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="278"/>
        <source>Only a supervisor or manager can approve.</source>
        <translation>Chỉ giám sát hoặc quản lý mới được phê duyệt.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="281"/>
        <source>The approval does not match this operation.</source>
        <translation>Phê duyệt không khớp với giao dịch này.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="284"/>
        <source>The approval was given for a smaller amount. Ask the supervisor again.</source>
        <translation>Phê duyệt được cấp cho số tiền nhỏ hơn. Hãy nhờ giám sát duyệt lại.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="287"/>
        <source>This approval has already been used.</source>
        <translation>Phê duyệt này đã được dùng.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="290"/>
        <source>Unknown staff code or card.</source>
        <translation>Mã hoặc thẻ nhân viên không đúng.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="291"/>
        <source>This staff account is disabled.</source>
        <translation>Tài khoản nhân viên này đã bị vô hiệu hóa.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="294"/>
        <source>Only a supervisor or manager can do this.</source>
        <translation>Chỉ giám sát hoặc quản lý mới được làm việc này.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="297"/>
        <source>Too many wrong PINs. The account is locked for a while.</source>
        <translation>Nhập sai PIN quá nhiều lần. Tài khoản bị tạm khóa.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="300"/>
        <source>That staff code is already used.</source>
        <translation>Mã nhân viên này đã được dùng.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="303"/>
        <source>Unknown staff role.</source>
        <translation>Vai trò nhân viên không xác định.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="304"/>
        <source>Wrong PIN. {remaining} tries left.</source>
        <translation>Sai PIN. Còn {remaining} lần thử.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="310"/>
        <source>A PIN is 4 to 8 digits.</source>
        <translation>PIN gồm 4 đến 8 chữ số.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="311"/>
        <source>A shift is already open at this till.</source>
        <translation>Quầy này đang có ca mở.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="137"/>
        <source>Choose cash, bank card or transfer for the rest of the bill.</source>
        <translation>Hãy chọn tiền mặt, thẻ ngân hàng hoặc chuyển khoản cho phần còn lại của hóa đơn.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="140"/>
        <source>Log in first: a money operation needs the staff member doing it.</source>
        <translation>Hãy đăng nhập trước: thao tác tiền cần ghi rõ nhân viên thực hiện.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="143"/>
        <source>Each payment must be a whole amount of đồng, zero or more.</source>
        <translation>Mỗi hình thức thanh toán phải là số đồng nguyên, từ 0 trở lên.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="146"/>
        <source>The payments do not add up to the amount due.</source>
        <translation>Các khoản thanh toán không khớp với số tiền phải trả.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="149"/>
        <source>Log in first: an approval is asked for by a staff member.</source>
        <translation>Hãy đăng nhập trước: phê duyệt phải do một nhân viên yêu cầu.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="152"/>
        <source>An approval must state the amount it allows.</source>
        <translation>Phê duyệt phải ghi rõ số tiền được phép.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="155"/>
        <source>This approval was asked for by another staff member.</source>
        <translation>Phê duyệt này do nhân viên khác yêu cầu.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="158"/>
        <source>This approval is for another card.</source>
        <translation>Phê duyệt này dành cho thẻ khác.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="161"/>
        <source>This approval has expired. Ask the supervisor again.</source>
        <translation>Phê duyệt đã hết hạn. Hãy nhờ giám sát duyệt lại.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="164"/>
        <source>Only points or stored value can be adjusted.</source>
        <translation>Chỉ có thể điều chỉnh điểm hoặc số dư trả trước.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="167"/>
        <source>Type a whole, non-zero adjustment.</source>
        <translation>Hãy nhập số điều chỉnh nguyên, khác 0.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="170"/>
        <source>The card does not hold that much.</source>
        <translation>Thẻ không có đủ số dư đó.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="307"/>
        <source>Card read. A supervisor or manager card needs the PIN as well: type it.</source>
        <translation>Đã đọc thẻ. Thẻ giám sát hoặc quản lý cần cả mã PIN: hãy nhập PIN.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="314"/>
        <source>This is not a valid phone number.</source>
        <translation>Số điện thoại không hợp lệ.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="317"/>
        <source>Type the birthday as YYYY-MM-DD.</source>
        <translation>Nhập ngày sinh theo dạng NNNN-TT-NN.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="320"/>
        <source>The e-mail address is not valid.</source>
        <translation>Địa chỉ e-mail không hợp lệ.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="323"/>
        <source>This phone number is already enrolled.</source>
        <translation>Số điện thoại này đã được đăng ký.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="326"/>
        <source>Unknown member.</source>
        <translation>Hội viên không xác định.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="327"/>
        <source>Type at least 6 digits of the phone number.</source>
        <translation>Nhập ít nhất 6 chữ số của số điện thoại.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="330"/>
        <source>Please fill in {field}.</source>
        <translation>Vui lòng nhập {field}.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="331"/>
        <source>{field} contains characters that are not allowed.</source>
        <translation>{field} có ký tự không được phép.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="334"/>
        <source>{field} is too long (at most {max} characters).</source>
        <translation>{field} quá dài (tối đa {max} ký tự).</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="337"/>
        <source>Internal error: bad operation id.</source>
        <translation>Lỗi nội bộ: mã giao dịch sai.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="340"/>
        <source>Internal error: this operation was already used.</source>
        <translation>Lỗi nội bộ: mã giao dịch đã được dùng.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="343"/>
        <source>{field} looks like a payment card number: do not type card numbers here.</source>
        <translation>{field} trông giống số thẻ thanh toán: không nhập số thẻ vào đây.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="346"/>
        <source>A sale line is not valid: check its quantity and price.</source>
        <translation>Một dòng hàng không hợp lệ: kiểm tra số lượng và đơn giá.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="349"/>
        <source>The sale lines are not valid or too large.</source>
        <translation>Các dòng hàng không hợp lệ hoặc quá lớn.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="358"/>
        <source>This would take the card&apos;s balance beyond the allowed limit.</source>
        <translation>Thao tác này làm số dư của thẻ vượt quá giới hạn cho phép.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="361"/>
        <source>A value is not a valid number (for example NaN or infinity).</source>
        <translation>Có một giá trị không phải là số hợp lệ (ví dụ NaN hoặc vô cực).</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="364"/>
        <source>Internal error: an id is not valid.</source>
        <translation>Lỗi nội bộ: mã định danh không hợp lệ.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="367"/>
        <source>Internal error: the program called the engine wrongly.</source>
        <translation>Lỗi nội bộ: chương trình gọi sai chức năng.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="370"/>
        <source>Internal error: a search asked for too many results.</source>
        <translation>Lỗi nội bộ: yêu cầu tìm kiếm quá nhiều kết quả.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="373"/>
        <source>Type at least 2 letters of the name or 6 digits of the phone number.</source>
        <translation>Nhập ít nhất 2 chữ cái của tên hoặc 6 chữ số của số điện thoại.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="376"/>
        <source>A reward already has this code.</source>
        <translation>Đã có phần quà dùng mã này.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="379"/>
        <source>The program rules are not valid; the previous rules stay in force.</source>
        <translation>Quy tắc chương trình không hợp lệ; quy tắc trước đó vẫn được áp dụng.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="382"/>
        <source>The rules&apos; start time must be a date and time with its time zone.</source>
        <translation>Thời điểm áp dụng quy tắc phải là ngày giờ kèm múi giờ.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="385"/>
        <source>The bank or account number for the transfer QR is not valid.</source>
        <translation>Ngân hàng hoặc số tài khoản cho mã QR chuyển khoản không hợp lệ.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="394"/>
        <source>That is a payment card, not a loyalty card. It was not read or stored.</source>
        <translation>Đây là thẻ thanh toán, không phải thẻ thành viên. Thẻ không được đọc hay lưu lại.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="397"/>
        <source>This card is not one of our cards.</source>
        <translation>Thẻ này không phải thẻ của cửa hàng.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="400"/>
        <source>The card number has the wrong length.</source>
        <translation>Số thẻ không đúng độ dài.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="403"/>
        <source>The card number is wrong (check digit). Try again.</source>
        <translation>Số thẻ sai (số kiểm tra). Hãy thử lại.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="406"/>
        <source>The card number must be digits.</source>
        <translation>Số thẻ chỉ gồm chữ số.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="409"/>
        <location filename="../../app/messages.py" line="412"/>
        <location filename="../../app/messages.py" line="415"/>
        <location filename="../../app/messages.py" line="495"/>
        <source>The card could not be read. Swipe again.</source>
        <translation>Không đọc được thẻ. Hãy quẹt lại.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="418"/>
        <source>The card gave an answer the reader does not understand. Try again.</source>
        <translation>Thẻ trả lời không hợp lệ. Hãy thử lại.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="421"/>
        <source>The data on the card is not valid. Call support.</source>
        <translation>Dữ liệu trên thẻ không hợp lệ. Hãy gọi hỗ trợ.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="424"/>
        <source>The card could not be read. Hold it still on the reader.</source>
        <translation>Không đọc được thẻ. Giữ yên thẻ trên đầu đọc.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="427"/>
        <source>This card has no loyalty application.</source>
        <translation>Thẻ này không có ứng dụng thành viên.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="430"/>
        <source>The reader could not read the card&apos;s identity. Try again.</source>
        <translation>Đầu đọc không đọc được mã thẻ. Hãy thử lại.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="433"/>
        <source>This card cannot be used here.</source>
        <translation>Không dùng được thẻ này ở đây.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="436"/>
        <source>Card reader problem. Try again.</source>
        <translation>Đầu đọc thẻ gặp sự cố. Hãy thử lại.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="439"/>
        <source>The card reader stopped. Call support.</source>
        <translation>Đầu đọc thẻ đã ngừng. Hãy gọi hỗ trợ.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="445"/>
        <source>the name</source>
        <translation>họ tên</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="446"/>
        <source>the phone number</source>
        <translation>số điện thoại</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="447"/>
        <source>the e-mail address</source>
        <translation>địa chỉ e-mail</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="448"/>
        <source>the reason</source>
        <translation>lý do</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="449"/>
        <source>the staff code</source>
        <translation>mã nhân viên</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="472"/>
        <source>not given</source>
        <translation>không ghi</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="485"/>
        <source>The operation was refused ({code}).</source>
        <translation>Giao dịch bị từ chối ({code}).</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="498"/>
        <source>Card reader problem ({code}).</source>
        <translation>Đầu đọc thẻ gặp sự cố ({code}).</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="512"/>
        <source>The database could not be used: {error}</source>
        <translation>Không dùng được cơ sở dữ liệu: {error}</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="515"/>
        <source>Something went wrong; it has been logged. ({kind})</source>
        <translation>Đã xảy ra lỗi; lỗi đã được ghi lại. ({kind})</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="521"/>
        <source>Member card</source>
        <translation>Thẻ hội viên</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="522"/>
        <source>Gift card</source>
        <translation>Thẻ quà tặng</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="523"/>
        <source>Prepaid card</source>
        <translation>Thẻ trả trước</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="524"/>
        <source>Member + prepaid card</source>
        <translation>Thẻ hội viên + trả trước</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="525"/>
        <location filename="../../app/messages.py" line="550"/>
        <source>Discount card</source>
        <translation>Thẻ giảm giá</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="529"/>
        <source>Not activated</source>
        <translation>Chưa kích hoạt</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="530"/>
        <source>Active</source>
        <translation>Đang hoạt động</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="531"/>
        <source>Blocked</source>
        <translation>Bị khóa</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="532"/>
        <source>Expired</source>
        <translation>Hết hạn</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="533"/>
        <source>Closed</source>
        <translation>Đã đóng</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="548"/>
        <source>Tier</source>
        <translation>Hạng</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="549"/>
        <source>Membership</source>
        <translation>Hội viên</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="554"/>
        <source>tier</source>
        <translation>hạng</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="555"/>
        <source>membership</source>
        <translation>hội viên</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="556"/>
        <source>offer</source>
        <translation>ưu đãi</translation>
    </message>
    <message>
        <location filename="../../app/messages_inputs.py" line="15"/>
        <source>Sale line {line} has a number that is not valid.</source>
        <translation>Dòng hàng {line} có số không hợp lệ.</translation>
    </message>
    <message>
        <location filename="../../app/messages_inputs.py" line="18"/>
        <source>The sale lines are not valid.</source>
        <translation>Các dòng hàng không hợp lệ.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="355"/>
        <location filename="../../app/messages_inputs.py" line="21"/>
        <source>The sale lines do not add up to the amount.</source>
        <translation>Tổng các dòng hàng không khớp với số tiền.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="352"/>
        <location filename="../../app/messages_inputs.py" line="24"/>
        <source>Too many sale lines (at most {max}).</source>
        <translation>Quá nhiều dòng hàng (tối đa {max}).</translation>
    </message>
    <message>
        <location filename="../../app/messages_inputs.py" line="27"/>
        <source>The program rules are not valid.</source>
        <translation>Quy tắc chương trình không hợp lệ.</translation>
    </message>
    <message>
        <location filename="../../app/messages_inputs.py" line="30"/>
        <source>The rules&apos; start time is not a valid time with its time zone.</source>
        <translation>Thời điểm áp dụng quy tắc không hợp lệ hoặc thiếu múi giờ.</translation>
    </message>
    <message>
        <location filename="../../app/messages_inputs.py" line="33"/>
        <source>{field} looks like a payment card number: do not type card numbers there.</source>
        <translation>{field} trông giống số thẻ thanh toán: không nhập số thẻ vào đó.</translation>
    </message>
    <message>
        <location filename="../../app/messages_inputs.py" line="36"/>
        <source>The bank or account number for transfers is not valid.</source>
        <translation>Ngân hàng hoặc số tài khoản nhận chuyển khoản không hợp lệ.</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="388"/>
        <location filename="../../app/messages_inputs.py" line="39"/>
        <source>The transfer amount is not valid.</source>
        <translation>Số tiền chuyển khoản không hợp lệ.</translation>
    </message>
    <message>
        <location filename="../../app/messages_inputs.py" line="46"/>
        <source>Simulated reader</source>
        <translation>Đầu đọc mô phỏng</translation>
    </message>
    <message>
        <location filename="../../app/messages_inputs.py" line="47"/>
        <source>Keyboard-wedge reader</source>
        <translation>Đầu đọc giả lập bàn phím</translation>
    </message>
</context>
<context>
    <name>OpenShiftPage</name>
    <message>
        <location filename="../../app/login.py" line="237"/>
        <location filename="../../app/login.py" line="259"/>
        <source>Open shift</source>
        <translation>Mở ca</translation>
    </message>
    <message>
        <location filename="../../app/login.py" line="252"/>
        <source>Opening float (cash in drawer)</source>
        <translation>Tiền đầu ca (tiền mặt trong két)</translation>
    </message>
    <message>
        <location filename="../../app/login.py" line="271"/>
        <source>Cashier: {name}</source>
        <translation>Thu ngân: {name}</translation>
    </message>
    <message>
        <location filename="../../app/login.py" line="285"/>
        <source>Type the opening float in đồng, e.g. 2.000.000.</source>
        <translation>Nhập tiền đầu ca bằng đồng, ví dụ 2.000.000.</translation>
    </message>
</context>
<context>
    <name>OperationDialog</name>
    <message>
        <location filename="../../app/dialogs.py" line="75"/>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <location filename="../../app/dialogs.py" line="78"/>
        <source>Confirm</source>
        <translation>Xác nhận</translation>
    </message>
    <message>
        <location filename="../../app/dialogs.py" line="160"/>
        <source>Working…</source>
        <translation>Đang xử lý…</translation>
    </message>
</context>
<context>
    <name>QLineEdit</name>
    <message>
        <location filename="../../app/i18n.py" line="36"/>
        <source>&amp;Undo</source>
        <translation>&amp;Hoàn tác</translation>
    </message>
    <message>
        <location filename="../../app/i18n.py" line="37"/>
        <source>&amp;Redo</source>
        <translation>&amp;Làm lại</translation>
    </message>
    <message>
        <location filename="../../app/i18n.py" line="38"/>
        <source>Cu&amp;t</source>
        <translation>&amp;Cắt</translation>
    </message>
    <message>
        <location filename="../../app/i18n.py" line="39"/>
        <source>&amp;Copy</source>
        <translation>Sao &amp;chép</translation>
    </message>
    <message>
        <location filename="../../app/i18n.py" line="40"/>
        <source>&amp;Paste</source>
        <translation>&amp;Dán</translation>
    </message>
    <message>
        <location filename="../../app/i18n.py" line="41"/>
        <source>Delete</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <location filename="../../app/i18n.py" line="42"/>
        <source>Select All</source>
        <translation>Chọn tất cả</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <location filename="../../app/i18n.py" line="25"/>
        <source>OK</source>
        <translation>Đồng ý</translation>
    </message>
    <message>
        <location filename="../../app/i18n.py" line="26"/>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <location filename="../../app/i18n.py" line="27"/>
        <source>Yes</source>
        <translation>Có</translation>
    </message>
    <message>
        <location filename="../../app/i18n.py" line="28"/>
        <source>No</source>
        <translation>Không</translation>
    </message>
    <message>
        <location filename="../../app/i18n.py" line="29"/>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <location filename="../../app/i18n.py" line="30"/>
        <source>Apply</source>
        <translation>Áp dụng</translation>
    </message>
    <message>
        <location filename="../../app/i18n.py" line="31"/>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <location filename="../../app/i18n.py" line="32"/>
        <source>Retry</source>
        <translation>Thử lại</translation>
    </message>
    <message>
        <location filename="../../app/i18n.py" line="33"/>
        <source>Ignore</source>
        <translation>Bỏ qua</translation>
    </message>
    <message>
        <location filename="../../app/i18n.py" line="34"/>
        <source>Help</source>
        <translation>Trợ giúp</translation>
    </message>
    <message>
        <location filename="../../app/i18n.py" line="35"/>
        <source>Abort</source>
        <translation>Hủy bỏ</translation>
    </message>
</context>
<context>
    <name>Receipt</name>
    <message>
        <location filename="../../app/receipts.py" line="82"/>
        <source>LOYALTY SLIP</source>
        <translation>PHIẾU TÍCH ĐIỂM</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="86"/>
        <source>Time</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="92"/>
        <source>Cashier</source>
        <translation>Thu ngân</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="95"/>
        <source>Customer</source>
        <translation>Khách hàng</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="107"/>
        <source>Amount</source>
        <translation>Số tiền</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="40"/>
        <source>Tier discount</source>
        <translation>Giảm giá theo hạng</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="38"/>
        <source>Membership discount</source>
        <translation>Giảm giá hội viên</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="39"/>
        <source>Discount card</source>
        <translation>Thẻ giảm giá</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="46"/>
        <source>Cash</source>
        <translation>Tiền mặt</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="47"/>
        <source>Bank card</source>
        <translation>Thẻ ngân hàng</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="48"/>
        <source>Bank transfer</source>
        <translation>Chuyển khoản</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="57"/>
        <source>Cash given</source>
        <translation>Khách đưa</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="58"/>
        <source>Change</source>
        <translation>Tiền thối lại</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="90"/>
        <source>Receipt no.</source>
        <translation>Số hóa đơn</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="120"/>
        <source>Voucher</source>
        <translation>Phiếu giảm giá</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="125"/>
        <source>Points used ({points})</source>
        <translation>Dùng điểm ({points})</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="134"/>
        <source>Stored value</source>
        <translation>Số dư thẻ</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="140"/>
        <source>To pay</source>
        <translation>Cần thanh toán</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="147"/>
        <source>Points earned</source>
        <translation>Điểm tích lũy</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="154"/>
        <source>Cashback to the card</source>
        <translation>Hoàn tiền vào thẻ</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="161"/>
        <source>New tier: {tier}</source>
        <translation>Hạng mới: {tier}</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="165"/>
        <source>Top-up</source>
        <translation>Nạp tiền</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="169"/>
        <source>Bonus</source>
        <translation>Thưởng</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="176"/>
        <source>Gift card loaded</source>
        <translation>Nạp thẻ quà tặng</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="181"/>
        <source>Welcome to our loyalty programme!</source>
        <translation>Chào mừng quý khách đến với chương trình thành viên!</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="185"/>
        <source>Refund</source>
        <translation>Hoàn tiền</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="190"/>
        <source>Points taken back</source>
        <translation>Điểm bị thu hồi</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="191"/>
        <source>Points returned</source>
        <translation>Điểm được trả lại</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="198"/>
        <source>Back to stored value</source>
        <translation>Trả vào số dư thẻ</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="204"/>
        <source>Cash back</source>
        <translation>Trả lại tiền mặt</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="210"/>
        <source>Reward: {name}</source>
        <translation>Quà: {name}</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="216"/>
        <source>Points used</source>
        <translation>Điểm đã dùng</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="221"/>
        <source>Card replaced</source>
        <translation>Đã thay thẻ</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="225"/>
        <source>Points moved</source>
        <translation>Điểm đã chuyển</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="232"/>
        <source>Stored value moved</source>
        <translation>Số dư đã chuyển</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="239"/>
        <source>Fee</source>
        <translation>Phí</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="242"/>
        <source>Valid until</source>
        <translation>Hiệu lực đến</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="251"/>
        <source>Points balance</source>
        <translation>Số điểm</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="258"/>
        <source>Stored value balance</source>
        <translation>Số dư thẻ</translation>
    </message>
    <message>
        <location filename="../../app/receipts.py" line="263"/>
        <source>Thank you!</source>
        <translation>Cảm ơn quý khách!</translation>
    </message>
</context>
<context>
    <name>ReceiptSearch</name>
    <message>
        <location filename="../../app/receiptsearch.py" line="33"/>
        <source>Type or scan the receipt number</source>
        <translation>Nhập hoặc quét số hóa đơn</translation>
    </message>
    <message>
        <location filename="../../app/receiptsearch.py" line="35"/>
        <source>Receipt no.</source>
        <translation>Số hóa đơn</translation>
    </message>
</context>
<context>
    <name>RefundDialog</name>
    <message>
        <location filename="../../app/flows.py" line="69"/>
        <source>Refund a sale</source>
        <translation>Hoàn tiền giao dịch</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="75"/>
        <source>Sales of this shift</source>
        <translation>Giao dịch của ca này</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="76"/>
        <source>Sales of</source>
        <translation>Giao dịch của</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="81"/>
        <source>Time</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="82"/>
        <source>Card</source>
        <translation>Thẻ</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="83"/>
        <source>Paid</source>
        <translation>Đã trả</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="84"/>
        <source>Refundable</source>
        <translation>Còn hoàn được</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="85"/>
        <source>Receipt no.</source>
        <translation>Số hóa đơn</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="96"/>
        <source>Refund everything that is left of the sale</source>
        <translation>Hoàn toàn bộ phần còn lại của giao dịch</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="104"/>
        <source>Amount to refund</source>
        <translation>Số tiền hoàn</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="106"/>
        <source>e.g. goods returned, wrong amount</source>
        <translation>vd. khách trả hàng, nhập sai số tiền</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="107"/>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="108"/>
        <source>Left to refund</source>
        <translation>Còn có thể hoàn</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="140"/>
        <source>No sales to refund.</source>
        <translation>Không có giao dịch nào để hoàn.</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="168"/>
        <source>Choose the sale to refund.</source>
        <translation>Hãy chọn giao dịch cần hoàn.</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="170"/>
        <source>Type the amount to refund.</source>
        <translation>Hãy nhập số tiền hoàn.</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="172"/>
        <source>Type the reason for the refund.</source>
        <translation>Hãy nhập lý do hoàn tiền.</translation>
    </message>
</context>
<context>
    <name>ReplaceCardDialog</name>
    <message>
        <location filename="../../app/flows.py" line="314"/>
        <source>Replace lost card</source>
        <translation>Thay thẻ bị mất</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="317"/>
        <source>Old card</source>
        <translation>Thẻ cũ</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="320"/>
        <source>Moves to the new card</source>
        <translation>Chuyển sang thẻ mới</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="322"/>
        <source>{points} points, {amount} stored value</source>
        <translation>{points} điểm, số dư {amount}</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="329"/>
        <source>e.g. card lost, card damaged</source>
        <translation>vd. mất thẻ, thẻ hỏng</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="330"/>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="333"/>
        <source>Present the new card, or leave empty for a new one</source>
        <translation>Quẹt thẻ mới, hoặc để trống để cấp số mới</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="335"/>
        <source>New card</source>
        <translation>Thẻ mới</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="337"/>
        <source>Chip card</source>
        <translation>Thẻ chip</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="345"/>
        <source>Type why the card is replaced.</source>
        <translation>Hãy nhập lý do thay thẻ.</translation>
    </message>
</context>
<context>
    <name>RewardsDialog</name>
    <message>
        <location filename="../../app/flows.py" line="203"/>
        <source>Redeem a reward</source>
        <translation>Đổi quà</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="208"/>
        <source>Card</source>
        <translation>Thẻ</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="210"/>
        <source>Points</source>
        <translation>Điểm</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="228"/>
        <source>{name} — {points} points (in stock: {stock})</source>
        <translation>{name} — {points} điểm (còn {stock})</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="240"/>
        <source>No rewards in stock at this shop.</source>
        <translation>Cửa hàng không còn quà nào.</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="244"/>
        <source>The card does not have enough points for a reward.</source>
        <translation>Thẻ chưa đủ điểm để đổi quà.</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="252"/>
        <source>Confirm</source>
        <translation>Xác nhận</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="261"/>
        <source>Redeem</source>
        <translation>Đổi quà</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="263"/>
        <source>Redeem {name} for {points} points? Enter to confirm, Esc to cancel.</source>
        <translation>Đổi {name} lấy {points} điểm? Enter để xác nhận, Esc để hủy.</translation>
    </message>
    <message>
        <location filename="../../app/flows.py" line="284"/>
        <source>Choose a reward.</source>
        <translation>Hãy chọn quà.</translation>
    </message>
</context>
<context>
    <name>SaleDialog</name>
    <message>
        <location filename="../../app/sale.py" line="52"/>
        <source>Sale</source>
        <translation>Bán hàng</translation>
    </message>
    <message>
        <location filename="../../app/sale.py" line="59"/>
        <location filename="../../app/sale.py" line="61"/>
        <source>Customer</source>
        <translation>Khách hàng</translation>
    </message>
    <message>
        <location filename="../../app/sale.py" line="61"/>
        <source>No card (walk-in)</source>
        <translation>Không có thẻ (khách vãng lai)</translation>
    </message>
    <message>
        <location filename="../../app/sale.py" line="64"/>
        <source>Add line</source>
        <translation>Thêm dòng</translation>
    </message>
    <message>
        <location filename="../../app/sale.py" line="69"/>
        <source>Amount</source>
        <translation>Số tiền</translation>
    </message>
    <message>
        <location filename="../../app/sale.py" line="74"/>
        <source>Description</source>
        <translation>Mô tả</translation>
    </message>
    <message>
        <location filename="../../app/sale.py" line="74"/>
        <source>Qty</source>
        <translation>SL</translation>
    </message>
    <message>
        <location filename="../../app/sale.py" line="74"/>
        <source>Unit price</source>
        <translation>Đơn giá</translation>
    </message>
    <message>
        <location filename="../../app/sale.py" line="88"/>
        <source>Type or scan a voucher code</source>
        <translation>Nhập hoặc quét mã phiếu</translation>
    </message>
    <message>
        <location filename="../../app/sale.py" line="171"/>
        <source>Voucher</source>
        <translation>Phiếu giảm giá</translation>
    </message>
    <message>
        <location filename="../../app/sale.py" line="97"/>
        <source>All points</source>
        <translation>Dùng hết điểm</translation>
    </message>
    <message>
        <location filename="../../app/sale.py" line="90"/>
        <source>Voucher (Alt+V)</source>
        <translation>Phiếu giảm giá (Alt+V)</translation>
    </message>
    <message>
        <location filename="../../app/sale.py" line="105"/>
        <source>All stored value</source>
        <translation>Dùng hết số dư</translation>
    </message>
    <message>
        <location filename="../../app/sale.py" line="121"/>
        <source>Pay with points (has {points})</source>
        <translation>Trả bằng điểm (có {points})</translation>
    </message>
    <message>
        <location filename="../../app/sale.py" line="128"/>
        <source>Pay from stored value (has {amount})</source>
        <translation>Trả bằng số dư (có {amount})</translation>
    </message>
    <message>
        <location filename="../../app/sale.py" line="140"/>
        <source>Cash</source>
        <translation>Tiền mặt</translation>
    </message>
    <message>
        <location filename="../../app/sale.py" line="141"/>
        <source>External card</source>
        <translation>Thẻ ngân hàng</translation>
    </message>
    <message>
        <location filename="../../app/sale.py" line="142"/>
        <source>Bank transfer</source>
        <translation>Chuyển khoản ngân hàng</translation>
    </message>
    <message>
        <location filename="../../app/sale.py" line="143"/>
        <source>Rest paid by</source>
        <translation>Phần còn lại trả bằng</translation>
    </message>
    <message>
        <location filename="../../app/sale.py" line="156"/>
        <source>Exact cash</source>
        <translation>Đưa đủ tiền</translation>
    </message>
    <message>
        <location filename="../../app/sale.py" line="164"/>
        <source>Cash given</source>
        <translation>Khách đưa</translation>
    </message>
    <message>
        <location filename="../../app/sale.py" line="170"/>
        <source>Discount</source>
        <translation>Giảm giá</translation>
    </message>
    <message>
        <location filename="../../app/sale.py" line="172"/>
        <source>After discount</source>
        <translation>Sau giảm giá</translation>
    </message>
    <message>
        <location filename="../../app/sale.py" line="173"/>
        <source>Paid with points</source>
        <translation>Trả bằng điểm</translation>
    </message>
    <message>
        <location filename="../../app/sale.py" line="174"/>
        <source>Paid from stored value</source>
        <translation>Trả bằng số dư</translation>
    </message>
    <message>
        <location filename="../../app/sale.py" line="175"/>
        <source>To pay</source>
        <translation>Cần thanh toán</translation>
    </message>
    <message>
        <location filename="../../app/sale.py" line="176"/>
        <source>Points to earn</source>
        <translation>Điểm sẽ tích</translation>
    </message>
    <message>
        <location filename="../../app/sale.py" line="177"/>
        <source>Cashback to the card</source>
        <translation>Hoàn tiền vào thẻ</translation>
    </message>
    <message>
        <location filename="../../app/sale.py" line="178"/>
        <source>Change</source>
        <translation>Tiền thối lại</translation>
    </message>
    <message>
        <location filename="../../app/sale.py" line="179"/>
        <source>Remaining</source>
        <translation>Còn thiếu</translation>
    </message>
    <message>
        <location filename="../../app/sale.py" line="398"/>
        <source>Complete line {row} (description, quantity, unit price) or clear it.</source>
        <translation>Hãy điền đủ dòng {row} (mô tả, số lượng, đơn giá) hoặc xoá dòng đó.</translation>
    </message>
    <message>
        <location filename="../../app/sale.py" line="401"/>
        <source>Type the amount of the sale.</source>
        <translation>Nhập số tiền bán hàng.</translation>
    </message>
    <message>
        <location filename="../../app/sale.py" line="403"/>
        <source>Type the stored value to use in đồng, or 0.</source>
        <translation>Nhập số dư muốn dùng (đồng), hoặc 0.</translation>
    </message>
    <message>
        <location filename="../../app/sale.py" line="405"/>
        <source>The card and transfer parts are more than the amount to pay.</source>
        <translation>Phần trả bằng thẻ và chuyển khoản nhiều hơn số tiền cần trả.</translation>
    </message>
    <message>
        <location filename="../../app/sale.py" line="407"/>
        <source>Wait until the amount to pay is shown.</source>
        <translation>Chờ đến khi số tiền cần trả hiện ra.</translation>
    </message>
    <message>
        <location filename="../../app/sale.py" line="410"/>
        <source>The cash given is less than the amount to pay.</source>
        <translation>Tiền khách đưa ít hơn số cần thanh toán.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../app/settings_dialog.py" line="110"/>
        <source>Settings</source>
        <translation>Cài đặt</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="113"/>
        <source>Till settings</source>
        <translation>Cài đặt quầy</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="124"/>
        <source>Card readers (take effect on restart)</source>
        <translation>Đầu đọc thẻ (áp dụng khi khởi động lại)</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="126"/>
        <source>Use PC/SC (NFC) readers</source>
        <translation>Dùng đầu đọc PC/SC (NFC)</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="130"/>
        <source>Ignore virtual readers</source>
        <translation>Bỏ qua đầu đọc ảo</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="137"/>
        <source>Serial magstripe port</source>
        <translation>Cổng đầu đọc thẻ từ nối tiếp</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="140"/>
        <source>Baud rate</source>
        <translation>Tốc độ baud</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="147"/>
        <source>Keyboard-wedge: longest gap between keys</source>
        <translation>Đầu đọc giả lập bàn phím: khoảng cách phím tối đa</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="149"/>
        <source>Keyboard-wedge: prefix</source>
        <translation>Đầu đọc giả lập bàn phím: tiền tố</translation>
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
        <translation>Không gửi gì</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="155"/>
        <source>Keyboard-wedge: sent after the card</source>
        <translation>Đầu đọc giả lập bàn phím: ký tự gửi sau thẻ</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="158"/>
        <source>Receipt printer and cash drawer (take effect at once)</source>
        <translation>Máy in hóa đơn và két tiền (áp dụng ngay)</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="161"/>
        <source>None</source>
        <translation>Chưa có</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="162"/>
        <source>USB (vendor:product)</source>
        <translation>USB (nhà sản xuất:sản phẩm)</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="163"/>
        <source>Network (host:port)</source>
        <translation>Mạng (máy:cổng)</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="164"/>
        <source>Serial (port)</source>
        <translation>Cổng nối tiếp (cổng)</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="165"/>
        <source>File or device</source>
        <translation>Tệp hoặc thiết bị</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="168"/>
        <source>Connection</source>
        <translation>Kết nối</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="170"/>
        <source>Address</source>
        <translation>Địa chỉ</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="173"/>
        <source>As an image (any printer)</source>
        <translation>Dạng hình ảnh (mọi máy in)</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="174"/>
        <source>The printer&apos;s Vietnamese code page</source>
        <translation>Bảng mã tiếng Việt của máy in</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="175"/>
        <source>Without diacritics</source>
        <translation>Không dấu</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="178"/>
        <source>Vietnamese text</source>
        <translation>Chữ tiếng Việt</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="182"/>
        <source>Vietnamese code page (CP1258[:table])</source>
        <translation>Bảng mã tiếng Việt (CP1258[:số bảng])</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="184"/>
        <source>58 mm (32 characters, 384 dots)</source>
        <translation>58 mm (32 ký tự, 384 điểm)</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="185"/>
        <source>80 mm (48 characters, 576 dots)</source>
        <translation>80 mm (48 ký tự, 576 điểm)</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="188"/>
        <source>Paper width</source>
        <translation>Khổ giấy</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="200"/>
        <source>Customer display port</source>
        <translation>Cổng màn hình khách</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="202"/>
        <source>Customer display baud rate</source>
        <translation>Tốc độ baud màn hình khách</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="189"/>
        <source>Open the cash drawer after a cash payment</source>
        <translation>Mở két tiền sau khi thanh toán tiền mặt</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="195"/>
        <source>Customer display and language</source>
        <translation>Màn hình khách hàng và ngôn ngữ</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="198"/>
        <source>none</source>
        <translation>không có</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="206"/>
        <source>Language</source>
        <translation>Ngôn ngữ</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="210"/>
        <source>Head office</source>
        <translation>Trụ sở</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="213"/>
        <source>Bank transfers (VietQR)</source>
        <translation>Chuyển khoản ngân hàng (VietQR)</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="216"/>
        <source>Bank BIN (6 digits)</source>
        <translation>Mã BIN ngân hàng (6 chữ số)</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="218"/>
        <source>Account number</source>
        <translation>Số tài khoản</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="220"/>
        <source>Account holder</source>
        <translation>Chủ tài khoản</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="228"/>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="230"/>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="235"/>
        <location filename="../../app/settings_dialog.py" line="300"/>
        <source>Test print</source>
        <translation>In thử</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="254"/>
        <source>The keyboard-wedge prefix may not contain % ; or Enter.</source>
        <translation>Tiền tố của đầu đọc giả lập bàn phím không được chứa % ; hoặc Enter.</translation>
    </message>
    <message>
        <location filename="../../app/settings_dialog.py" line="305"/>
        <source>Test slip printed.</source>
        <translation>Đã in thử.</translation>
    </message>
</context>
<context>
    <name>SplitParts</name>
    <message>
        <location filename="../../app/tenders.py" line="47"/>
        <source>Card: the rest</source>
        <translation>Thẻ: còn lại</translation>
    </message>
    <message>
        <location filename="../../app/tenders.py" line="51"/>
        <source>Transfer: the rest</source>
        <translation>CK: còn lại</translation>
    </message>
    <message>
        <location filename="../../app/tenders.py" line="53"/>
        <source>Part paid by bank card</source>
        <translation>Trả bằng thẻ</translation>
    </message>
    <message>
        <location filename="../../app/tenders.py" line="54"/>
        <source>Part paid by bank transfer</source>
        <translation>Trả bằng chuyển khoản</translation>
    </message>
</context>
<context>
    <name>SupervisorDialog</name>
    <message>
        <location filename="../../app/supervisor.py" line="113"/>
        <source>Shift closed {at}: drawer {diff} — {reason}</source>
        <translation>Ca đóng lúc {at}: két lệch {diff} — {reason}</translation>
    </message>
    <message>
        <location filename="../../app/supervisor.py" line="119"/>
        <source>no reason given</source>
        <translation>không ghi lý do</translation>
    </message>
    <message>
        <location filename="../../app/supervisor.py" line="133"/>
        <source>Supervisor: today&apos;s figures</source>
        <translation>Giám sát: số liệu hôm nay</translation>
    </message>
    <message>
        <location filename="../../app/supervisor.py" line="136"/>
        <source>Today&apos;s figures (this shift)</source>
        <translation>Số liệu hôm nay (ca này)</translation>
    </message>
    <message>
        <location filename="../../app/supervisor.py" line="142"/>
        <source>Sales per hour</source>
        <translation>Doanh số theo giờ</translation>
    </message>
    <message>
        <location filename="../../app/supervisor.py" line="147"/>
        <source>Takings per kind</source>
        <translation>Thu theo loại</translation>
    </message>
    <message>
        <location filename="../../app/supervisor.py" line="162"/>
        <source>Back</source>
        <translation>Quay lại</translation>
    </message>
    <message>
        <location filename="../../app/supervisor.py" line="164"/>
        <source>Refresh</source>
        <translation>Làm mới</translation>
    </message>
    <message>
        <location filename="../../app/supervisor.py" line="195"/>
        <source>{count} sales · cash collected {cash} · expected in drawer {drawer}</source>
        <translation>{count} giao dịch · tiền mặt thu {cash} · dự kiến trong két {drawer}</translation>
    </message>
</context>
<context>
    <name>SupervisorFields</name>
    <message>
        <location filename="../../app/widgets.py" line="176"/>
        <source>Supervisor code</source>
        <translation>Mã giám sát</translation>
    </message>
    <message>
        <location filename="../../app/widgets.py" line="177"/>
        <source>PIN</source>
        <translation>Mã PIN</translation>
    </message>
    <message>
        <location filename="../../app/widgets.py" line="180"/>
        <source>…or the supervisor presents their staff card.</source>
        <translation>…hoặc giám sát quẹt thẻ nhân viên.</translation>
    </message>
</context>
<context>
    <name>SupervisorPrompt</name>
    <message>
        <location filename="../../app/supervisor_prompt.py" line="32"/>
        <source>Supervisor needed</source>
        <translation>Cần giám sát</translation>
    </message>
    <message>
        <location filename="../../app/supervisor_prompt.py" line="36"/>
        <source>A supervisor must do this</source>
        <translation>Việc này cần giám sát thực hiện</translation>
    </message>
    <message>
        <location filename="../../app/supervisor_prompt.py" line="44"/>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <location filename="../../app/supervisor_prompt.py" line="46"/>
        <source>Continue</source>
        <translation>Tiếp tục</translation>
    </message>
    <message>
        <location filename="../../app/supervisor_prompt.py" line="74"/>
        <source>Type the supervisor&apos;s code and PIN.</source>
        <translation>Nhập mã và PIN của giám sát.</translation>
    </message>
    <message>
        <location filename="../../app/supervisor_prompt.py" line="88"/>
        <source>Only a supervisor or manager can do this.</source>
        <translation>Chỉ giám sát hoặc quản lý mới được làm việc này.</translation>
    </message>
</context>
<context>
    <name>TillStatusBar</name>
    <message>
        <location filename="../../app/statusbar.py" line="60"/>
        <source>Cashier: {name}</source>
        <translation>Thu ngân: {name}</translation>
    </message>
    <message>
        <location filename="../../app/statusbar.py" line="62"/>
        <source>Not logged in</source>
        <translation>Chưa đăng nhập</translation>
    </message>
    <message>
        <location filename="../../app/statusbar.py" line="66"/>
        <source>Reader lost: {names}</source>
        <translation>Mất kết nối đầu đọc: {names}</translation>
    </message>
    <message>
        <location filename="../../app/statusbar.py" line="69"/>
        <source>Reader ready: {names}</source>
        <translation>Đầu đọc sẵn sàng: {names}</translation>
    </message>
    <message>
        <location filename="../../app/statusbar.py" line="72"/>
        <source>No reader (type or swipe)</source>
        <translation>Không có đầu đọc (nhập tay hoặc quẹt)</translation>
    </message>
    <message>
        <location filename="../../app/statusbar.py" line="78"/>
        <source>Offline — sync not configured</source>
        <translation>Ngoại tuyến — chưa cấu hình đồng bộ</translation>
    </message>
    <message>
        <location filename="../../app/statusbar.py" line="79"/>
        <source>Online</source>
        <translation>Trực tuyến</translation>
    </message>
    <message>
        <location filename="../../app/statusbar.py" line="79"/>
        <source>Offline</source>
        <translation>Ngoại tuyến</translation>
    </message>
    <message>
        <location filename="../../app/statusbar.py" line="82"/>
        <source>head office answer not signed by its key: refused</source>
        <translation>câu trả lời của trụ sở không có chữ ký đúng khoá: đã từ chối</translation>
    </message>
    <message>
        <location filename="../../app/statusbar.py" line="83"/>
        <source>{count} waiting to sync</source>
        <translation>{count} mục chờ đồng bộ</translation>
    </message>
    <message>
        <location filename="../../app/statusbar.py" line="85"/>
        <source>last sync {time}</source>
        <translation>đồng bộ lần cuối {time}</translation>
    </message>
    <message>
        <location filename="../../app/statusbar.py" line="87"/>
        <source>never synced</source>
        <translation>chưa đồng bộ lần nào</translation>
    </message>
    <message>
        <location filename="../../app/statusbar.py" line="93"/>
        <source>the till&apos;s clock is {minutes} min {direction}: set the clock</source>
        <translation>đồng hồ của quầy {direction} {minutes} phút: hãy chỉnh lại đồng hồ</translation>
    </message>
    <message>
        <location filename="../../app/statusbar.py" line="96"/>
        <source>slow</source>
        <translation>chậm</translation>
    </message>
    <message>
        <location filename="../../app/statusbar.py" line="96"/>
        <source>fast</source>
        <translation>nhanh</translation>
    </message>
    <message>
        <location filename="../../app/statusbar.py" line="101"/>
        <source>head office refused our entries: {reason}</source>
        <translation>trụ sở từ chối các bút toán của quầy: {reason}</translation>
    </message>
    <message>
        <location filename="../../app/statusbar.py" line="106"/>
        <source>{count} quarantined</source>
        <translation>{count} mục cách ly</translation>
    </message>
    <message>
        <location filename="../../app/statusbar.py" line="110"/>
        <source>rules version {version} refused, previous rules kept</source>
        <translation>phiên bản quy tắc {version} bị từ chối, giữ quy tắc trước</translation>
    </message>
    <message>
        <location filename="../../app/statusbar.py" line="116"/>
        <source>{count} head-office definitions refused</source>
        <translation>{count} định nghĩa của trụ sở chính bị từ chối</translation>
    </message>
</context>
<context>
    <name>TopUpDialog</name>
    <message>
        <location filename="../../app/dialogs.py" line="190"/>
        <source>Top up</source>
        <translation>Nạp tiền</translation>
    </message>
    <message>
        <location filename="../../app/dialogs.py" line="194"/>
        <source>Card</source>
        <translation>Thẻ</translation>
    </message>
    <message>
        <location filename="../../app/dialogs.py" line="196"/>
        <source>Stored value now</source>
        <translation>Số dư hiện tại</translation>
    </message>
    <message>
        <location filename="../../app/dialogs.py" line="201"/>
        <source>Amount paid (cash)</source>
        <translation>Số tiền khách trả (tiền mặt)</translation>
    </message>
    <message>
        <location filename="../../app/dialogs.py" line="202"/>
        <source>Bonus</source>
        <translation>Thưởng</translation>
    </message>
    <message>
        <location filename="../../app/dialogs.py" line="203"/>
        <source>Added to the card</source>
        <translation>Cộng vào thẻ</translation>
    </message>
    <message>
        <location filename="../../app/dialogs.py" line="225"/>
        <source>Type the amount to top up.</source>
        <translation>Nhập số tiền cần nạp.</translation>
    </message>
</context>
<context>
    <name>TransferDialog</name>
    <message>
        <location filename="../../app/transfer.py" line="76"/>
        <location filename="../../app/transfer.py" line="78"/>
        <source>Bank transfer (VietQR)</source>
        <translation>Chuyển khoản ngân hàng (VietQR)</translation>
    </message>
    <message>
        <location filename="../../app/transfer.py" line="90"/>
        <source>Amount</source>
        <translation>Số tiền</translation>
    </message>
    <message>
        <location filename="../../app/transfer.py" line="91"/>
        <source>Bank (BIN)</source>
        <translation>Ngân hàng (BIN)</translation>
    </message>
    <message>
        <location filename="../../app/transfer.py" line="92"/>
        <source>Account</source>
        <translation>Tài khoản</translation>
    </message>
    <message>
        <location filename="../../app/transfer.py" line="93"/>
        <source>Account holder</source>
        <translation>Chủ tài khoản</translation>
    </message>
    <message>
        <location filename="../../app/transfer.py" line="96"/>
        <source>Reference</source>
        <translation>Nội dung</translation>
    </message>
    <message>
        <location filename="../../app/transfer.py" line="99"/>
        <source>The customer scans the code with their banking app. Confirm only when the money shows in the shop&apos;s account.</source>
        <translation>Khách quét mã bằng ứng dụng ngân hàng. Chỉ xác nhận khi tiền đã vào tài khoản của cửa hàng.</translation>
    </message>
    <message>
        <location filename="../../app/transfer.py" line="113"/>
        <source>Back to the sale</source>
        <translation>Quay lại bán hàng</translation>
    </message>
    <message>
        <location filename="../../app/transfer.py" line="115"/>
        <source>Money received</source>
        <translation>Đã nhận tiền</translation>
    </message>
    <message>
        <location filename="../../app/transfer.py" line="129"/>
        <source>The shop&apos;s bank account is not set up: a supervisor enters it in Settings (bank BIN and account number).</source>
        <translation>Chưa cài đặt tài khoản ngân hàng của cửa hàng: quản lý nhập trong Cài đặt (mã BIN và số tài khoản).</translation>
    </message>
</context>
<context>
    <name>ZReport</name>
    <message>
        <location filename="../../app/zreport_rows.py" line="18"/>
        <source>Sales</source>
        <translation>Bán hàng</translation>
    </message>
    <message>
        <location filename="../../app/zreport_rows.py" line="19"/>
        <source>Refunds</source>
        <translation>Hoàn tiền</translation>
    </message>
    <message>
        <location filename="../../app/zreport_rows.py" line="20"/>
        <source>Top-ups</source>
        <translation>Nạp tiền</translation>
    </message>
    <message>
        <location filename="../../app/zreport_rows.py" line="21"/>
        <source>Top-up bonuses</source>
        <translation>Thưởng nạp tiền</translation>
    </message>
    <message>
        <location filename="../../app/zreport_rows.py" line="22"/>
        <source>Stored value spent</source>
        <translation>Số dư đã dùng</translation>
    </message>
    <message>
        <location filename="../../app/zreport_rows.py" line="25"/>
        <source>Stored value given back (refunds)</source>
        <translation>Số dư trả lại (hoàn tiền)</translation>
    </message>
    <message>
        <location filename="../../app/zreport_rows.py" line="27"/>
        <source>Gift cards sold</source>
        <translation>Thẻ quà tặng đã bán</translation>
    </message>
    <message>
        <location filename="../../app/zreport_rows.py" line="28"/>
        <source>Memberships sold</source>
        <translation>Gói hội viên đã bán</translation>
    </message>
    <message>
        <location filename="../../app/zreport_rows.py" line="29"/>
        <source>Cashback</source>
        <translation>Hoàn tiền vào thẻ</translation>
    </message>
    <message>
        <location filename="../../app/zreport_rows.py" line="32"/>
        <source>Cashback taken back (refunds)</source>
        <translation>Hoàn tiền vào thẻ bị thu hồi (hoàn tiền)</translation>
    </message>
    <message>
        <location filename="../../app/zreport_rows.py" line="34"/>
        <source>Cashback expired</source>
        <translation>Hoàn tiền vào thẻ hết hạn</translation>
    </message>
    <message>
        <location filename="../../app/zreport_rows.py" line="35"/>
        <source>Tier-qualifying spend</source>
        <translation>Chi tiêu xét hạng</translation>
    </message>
    <message>
        <location filename="../../app/zreport_rows.py" line="38"/>
        <source>Qualifying spend taken back (refunds)</source>
        <translation>Chi tiêu xét hạng bị trừ (hoàn tiền)</translation>
    </message>
    <message>
        <location filename="../../app/zreport_rows.py" line="40"/>
        <source>Points earned</source>
        <translation>Điểm tích lũy</translation>
    </message>
    <message>
        <location filename="../../app/zreport_rows.py" line="41"/>
        <source>Points redeemed</source>
        <translation>Điểm đã dùng</translation>
    </message>
    <message>
        <location filename="../../app/zreport_rows.py" line="42"/>
        <source>Bonus points</source>
        <translation>Điểm thưởng</translation>
    </message>
    <message>
        <location filename="../../app/zreport_rows.py" line="45"/>
        <source>Points taken back (refunds)</source>
        <translation>Điểm bị thu hồi (hoàn tiền)</translation>
    </message>
    <message>
        <location filename="../../app/zreport_rows.py" line="49"/>
        <source>Points given back (refunds)</source>
        <translation>Điểm được trả lại (hoàn tiền)</translation>
    </message>
    <message>
        <location filename="../../app/zreport_rows.py" line="51"/>
        <source>Rewards redeemed</source>
        <translation>Quà đã đổi</translation>
    </message>
    <message>
        <location filename="../../app/zreport_rows.py" line="52"/>
        <source>Points expired</source>
        <translation>Điểm hết hạn</translation>
    </message>
    <message>
        <location filename="../../app/zreport_rows.py" line="53"/>
        <source>Points corrected</source>
        <translation>Điểm được điều chỉnh</translation>
    </message>
    <message>
        <location filename="../../app/zreport_rows.py" line="56"/>
        <source>Stored value corrected</source>
        <translation>Điều chỉnh số dư thẻ</translation>
    </message>
    <message>
        <location filename="../../app/zreport_rows.py" line="60"/>
        <source>Partner points converted</source>
        <translation>Điểm đối tác đã quy đổi</translation>
    </message>
    <message>
        <location filename="../../app/zreport_rows.py" line="62"/>
        <source>Vouchers used</source>
        <translation>Phiếu giảm giá đã dùng</translation>
    </message>
    <message>
        <location filename="../../app/zreport_rows.py" line="63"/>
        <source>Vouchers issued</source>
        <translation>Phiếu giảm giá đã phát hành</translation>
    </message>
    <message>
        <location filename="../../app/zreport_rows.py" line="66"/>
        <source>Vouchers given back (refunds)</source>
        <translation>Phiếu giảm giá được trả lại (hoàn tiền)</translation>
    </message>
    <message>
        <location filename="../../app/zreport_rows.py" line="68"/>
        <source>Members enrolled</source>
        <translation>Hội viên mới</translation>
    </message>
    <message>
        <location filename="../../app/zreport_rows.py" line="69"/>
        <source>Cards issued</source>
        <translation>Thẻ đã phát hành</translation>
    </message>
    <message>
        <location filename="../../app/zreport_rows.py" line="70"/>
        <source>Card status changes</source>
        <translation>Thay đổi trạng thái thẻ</translation>
    </message>
    <message>
        <location filename="../../app/zreport_rows.py" line="71"/>
        <source>Tier changes</source>
        <translation>Thay đổi hạng</translation>
    </message>
    <message>
        <location filename="../../app/zreport_rows.py" line="74"/>
        <source>Balances moved in (replaced cards)</source>
        <translation>Số dư chuyển đến (thay thẻ)</translation>
    </message>
    <message>
        <location filename="../../app/zreport_rows.py" line="78"/>
        <source>Balances moved out (replaced cards)</source>
        <translation>Số dư chuyển đi (thay thẻ)</translation>
    </message>
</context>
<context>
    <name>ZReportDialog</name>
    <message>
        <location filename="../../app/zreport.py" line="42"/>
        <source>Cash sales</source>
        <translation>Bán hàng tiền mặt</translation>
    </message>
    <message>
        <location filename="../../app/zreport.py" line="44"/>
        <source>Card sales</source>
        <translation>Bán hàng qua thẻ</translation>
    </message>
    <message>
        <location filename="../../app/zreport.py" line="49"/>
        <source>Transfer sales</source>
        <translation>Bán hàng qua chuyển khoản</translation>
    </message>
    <message>
        <location filename="../../app/zreport.py" line="53"/>
        <source>Top-ups</source>
        <translation>Nạp tiền</translation>
    </message>
    <message>
        <location filename="../../app/zreport.py" line="55"/>
        <source>Gift cards</source>
        <translation>Thẻ quà tặng</translation>
    </message>
    <message>
        <location filename="../../app/zreport.py" line="60"/>
        <source>Memberships</source>
        <translation>Hội viên trả phí</translation>
    </message>
    <message>
        <location filename="../../app/zreport.py" line="64"/>
        <source>Refunds</source>
        <translation>Hoàn tiền</translation>
    </message>
    <message>
        <location filename="../../app/zreport.py" line="131"/>
        <location filename="../../app/zreport.py" line="145"/>
        <source>Shift report (Z)</source>
        <translation>Báo cáo ca (Z)</translation>
    </message>
    <message>
        <location filename="../../app/zreport.py" line="154"/>
        <source>Operation</source>
        <translation>Giao dịch</translation>
    </message>
    <message>
        <location filename="../../app/zreport.py" line="154"/>
        <source>Count</source>
        <translation>Số lượng</translation>
    </message>
    <message>
        <location filename="../../app/zreport.py" line="154"/>
        <source>Total</source>
        <translation>Tổng</translation>
    </message>
    <message>
        <location filename="../../app/zreport.py" line="167"/>
        <location filename="../../app/zreport.py" line="291"/>
        <source>Expected in drawer</source>
        <translation>Tiền két dự kiến</translation>
    </message>
    <message>
        <location filename="../../app/zreport.py" line="170"/>
        <location filename="../../app/zreport.py" line="292"/>
        <source>Cash counted</source>
        <translation>Tiền mặt đếm được</translation>
    </message>
    <message>
        <location filename="../../app/zreport.py" line="173"/>
        <location filename="../../app/zreport.py" line="293"/>
        <source>Difference</source>
        <translation>Chênh lệch</translation>
    </message>
    <message>
        <location filename="../../app/zreport.py" line="177"/>
        <source>Why the drawer differs, e.g. change given wrong</source>
        <translation>Lý do két lệch, vd. thối nhầm tiền</translation>
    </message>
    <message>
        <location filename="../../app/zreport.py" line="178"/>
        <source>Reason for the difference</source>
        <translation>Lý do chênh lệch</translation>
    </message>
    <message>
        <location filename="../../app/zreport.py" line="185"/>
        <source>Back</source>
        <translation>Quay lại</translation>
    </message>
    <message>
        <location filename="../../app/zreport.py" line="187"/>
        <source>Print</source>
        <translation>In</translation>
    </message>
    <message>
        <location filename="../../app/zreport.py" line="189"/>
        <source>Close shift</source>
        <translation>Đóng ca</translation>
    </message>
    <message>
        <location filename="../../app/zreport.py" line="234"/>
        <source>Opened {at} · opening float {amount}</source>
        <translation>Mở ca lúc {at} · tiền đầu ca {amount}</translation>
    </message>
    <message>
        <location filename="../../app/zreport.py" line="250"/>
        <location filename="../../app/zreport.py" line="285"/>
        <source>Total discounts</source>
        <translation>Tổng giảm giá</translation>
    </message>
    <message>
        <location filename="../../app/zreport.py" line="276"/>
        <source>SHIFT REPORT (Z)</source>
        <translation>BÁO CÁO CA (Z)</translation>
    </message>
    <message>
        <location filename="../../app/zreport.py" line="289"/>
        <source>Opening float</source>
        <translation>Tiền đầu ca</translation>
    </message>
    <message>
        <location filename="../../app/zreport.py" line="290"/>
        <source>Cash collected</source>
        <translation>Tiền mặt thu được</translation>
    </message>
    <message>
        <location filename="../../app/zreport.py" line="300"/>
        <source>Reason: {reason}</source>
        <translation>Lý do: {reason}</translation>
    </message>
    <message>
        <location filename="../../app/zreport.py" line="308"/>
        <source>Report printed.</source>
        <translation>Đã in báo cáo.</translation>
    </message>
    <message>
        <location filename="../../app/zreport.py" line="325"/>
        <source>The drawer differs by {diff}: type the reason.</source>
        <translation>Két lệch {diff}: hãy nhập lý do.</translation>
    </message>
    <message>
        <location filename="../../app/zreport.py" line="335"/>
        <source>Close the shift with a difference of {diff}? Press F10 again to close.</source>
        <translation>Đóng ca với chênh lệch {diff}? Nhấn F10 lần nữa để đóng ca.</translation>
    </message>
    <message>
        <location filename="../../app/zreport.py" line="354"/>
        <source>Only a supervisor or manager can close the shift.</source>
        <translation>Chỉ giám sát hoặc quản lý mới được đóng ca.</translation>
    </message>
    <message>
        <location filename="../../app/zreport.py" line="319"/>
        <source>Count the drawer and type the cash counted.</source>
        <translation>Đếm tiền trong két và nhập số tiền đếm được.</translation>
    </message>
    <message>
        <location filename="../../app/zreport.py" line="370"/>
        <source>Shift closed. Print the report, then press Back.</source>
        <translation>Đã đóng ca. In báo cáo rồi nhấn Quay lại.</translation>
    </message>
</context>
</TS>
